using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>A run as the lists show it.</summary>
public sealed record RunRow(Guid Id, string Flow, string? Group, RunTrigger Trigger, string? TriggeredBy, RunStatus Status,
    DateTime QueuedUtc, DateTime? StartedUtc, DateTime? EndedUtc, long RowsRead, long RowsWritten, long RowsRejected, string? Error, long RowsFiltered = 0)
{
    /// <summary>Runs keep the flow's name and group id they were queued with (history outlives both), so the group
    /// name is looked up and may be gone.</summary>
    public static IQueryable<RunRow> Query(IQueryable<FlowRun> runs, IQueryable<Group> groups) => runs.Select(r => new RunRow(
        r.Id, r.FlowName, groups.Where(g => g.Id == r.GroupId).Select(g => g.Name).FirstOrDefault(), r.Trigger, r.TriggeredBy, r.Status,
        r.QueuedUtc, r.StartedUtc, r.EndedUtc, r.RowsRead, r.RowsWritten, r.RowsRejected, r.Error, r.RowsFiltered));

    public string Duration => ReadableDuration.Between(StartedUtc, EndedUtc);
}
