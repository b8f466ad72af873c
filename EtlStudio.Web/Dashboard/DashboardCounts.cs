namespace EtlStudio.Web.Dashboard;

/// <summary>How many groups, flows (each also enabled) and connections there are.</summary>
public sealed record DashboardCounts(int Groups, int EnabledGroups, int Flows, int EnabledFlows, int Connections);
