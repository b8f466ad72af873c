namespace EtlStudio.Web.Groups;

/// <summary>A flow as its group's row on the Groups page shows it.</summary>
public sealed record GroupFlowRow(int Id, int GroupId, string Name, bool Enabled, LastRun? LastRun);
