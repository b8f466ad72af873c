using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Components.Pages.Runs;

/// <summary>A run as the lists show it.</summary>
public sealed record RunRow(Guid Id, string Flow, string? Group, RunTrigger Trigger, string? TriggeredBy, RunStatus Status,
    DateTime QueuedUtc, DateTime? StartedUtc, DateTime? EndedUtc, long RowsRead, long RowsWritten, long RowsRejected, string? Error)
{
    public static IQueryable<RunRow> Query(IQueryable<FlowRun> runs) => runs.Select(r => new RunRow(
        r.Id, r.Flow!.Name, r.Flow.Group!.Name, r.Trigger, r.TriggeredBy, r.Status, r.QueuedUtc, r.StartedUtc, r.EndedUtc,
        r.RowsRead, r.RowsWritten, r.RowsRejected, r.Error));

    public string Duration => StartedUtc is { } s && EndedUtc is { } e ? (e - s).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "";
}
