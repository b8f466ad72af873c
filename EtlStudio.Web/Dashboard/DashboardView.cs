using EtlStudio.Web.Runs;

namespace EtlStudio.Web.Dashboard;

/// <summary>What the dashboard shows, read in one go.</summary>
public sealed record DashboardView(
    IReadOnlyList<RunRow> Running, IReadOnlyList<RunRow> Failures, IReadOnlyList<NextFire> NextFires, IReadOnlyList<DayRows> RowsPerDay);
