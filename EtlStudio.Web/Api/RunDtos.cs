using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Api;

/// <summary>One page of a list, newest first, with the total count across all pages.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>A run in the history list.</summary>
internal sealed record RunSummary(Guid Id, int? FlowId, string FlowName, int? GroupId, RunTrigger Trigger, string? TriggeredBy, RunStatus Status,
    DateTime QueuedUtc, DateTime? StartedUtc, DateTime? EndedUtc, long RowsRead, long RowsWritten, long RowsRejected, string? Error);

/// <summary>A run with its steps and staged artifacts; rejected rows are paged at <c>/api/runs/{id}/rejects</c>.
/// Of the rows written, <c>RowsInserted</c> added a row and <c>RowsUpdated</c> (Upsert) replaced one with the same key;
/// <c>RowsDeleted</c> are the old rows a TruncateReplace removed.</summary>
internal sealed record RunDetail(Guid Id, int? FlowId, string FlowName, int? GroupId, RunTrigger Trigger, string? TriggeredBy, RunStatus Status,
    DateTime QueuedUtc, DateTime? StartedUtc, DateTime? EndedUtc, long RowsRead, long RowsWritten, long RowsRejected,
    long RowsInserted, long RowsUpdated, long RowsDeleted, long RowsSkipped, string? Error, string? Note, Guid? ReplayOfRunId, Guid? LoadId, IReadOnlyList<RunStepDto> Steps, IReadOnlyList<RunArtifactDto> Artifacts)
{
    public static RunDetail From(FlowRun r, IReadOnlyList<RunStepDto> steps, IReadOnlyList<RunArtifactDto> artifacts) =>
        new(r.Id, r.FlowId, r.FlowName, r.GroupId, r.Trigger, r.TriggeredBy, r.Status, r.QueuedUtc, r.StartedUtc, r.EndedUtc,
            r.RowsRead, r.RowsWritten, r.RowsRejected, r.RowsInserted, r.RowsUpdated, r.RowsDeleted, r.RowsSkipped, r.Error, r.Note, r.ReplayOfRunId, r.LoadId ?? r.Id, steps, artifacts);
}

/// <summary>A step of a run; the detail lists them in pipeline order (Extract, Parse, Map, Load). A duration of 0 ms
/// means under one millisecond.</summary>
internal sealed record RunStepDto(string Name, RunStatus Status, DateTime StartedUtc, DateTime? EndedUtc, long DurationMs, string? Error);

/// <summary>A staged artifact by its name within the run (e.g. <c>raw/00001-orders.csv</c>) and the address it
/// downloads from; where the staging store keeps it is not part of the API.</summary>
internal sealed record RunArtifactDto(long Id, string Name, long Length, string DownloadUrl);

/// <summary>A row the run refused: where it came from (file, URL or message), its number, the column, value and why.</summary>
internal sealed record RejectDto(string? Origin, long RowNumber, string? Column, string? Value, string Reason);

/// <summary>A queued run (202 Accepted; follow the Location header).</summary>
internal sealed record RunAccepted(Guid RunId);

/// <summary>The runs queued for a group's enabled flows, in flow order.</summary>
internal sealed record GroupRunAccepted(IReadOnlyList<Guid> RunIds);
