using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>A live view of a run, published as it progresses (at most a few times per second).</summary>
public sealed record RunUpdate(
    Guid RunId, int? FlowId, RunStatus Status, string? Step,
    long RowsRead, long RowsWritten, long RowsRejected,
    DateTime? StartedUtc, DateTime? EndedUtc, string? Error, long RowsFiltered = 0);
