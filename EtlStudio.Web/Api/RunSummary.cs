using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Api;

/// <summary>A run in the history list. <c>rowsFiltered</c>: rows the flow's row filter left out (read = written +
/// rejected + filtered + skipped).</summary>
internal sealed record RunSummary(Guid Id, int? FlowId, string FlowName, int? GroupId, RunTrigger Trigger, string? TriggeredBy, RunStatus Status,
    DateTime QueuedUtc, DateTime? StartedUtc, DateTime? EndedUtc, long RowsRead, long RowsWritten, long RowsRejected, long RowsFiltered, string? Error);
