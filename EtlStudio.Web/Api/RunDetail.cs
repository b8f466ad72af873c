using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Api;

/// <summary>A run with its steps and staged artifacts; rejected rows are paged at <c>/api/runs/{id}/rejects</c>.
/// Of the rows written, <c>RowsInserted</c> added a row and <c>RowsUpdated</c> (Upsert) replaced one with the same key;
/// <c>RowsDeleted</c> are the old rows a TruncateReplace removed. <c>RowsFiltered</c> are rows the flow's row filter left
/// out: read = written + rejected + filtered + skipped.</summary>
internal sealed record RunDetail(Guid Id, int? FlowId, string FlowName, int? GroupId, RunTrigger Trigger, string? TriggeredBy, RunStatus Status,
    DateTime QueuedUtc, DateTime? StartedUtc, DateTime? EndedUtc, long RowsRead, long RowsWritten, long RowsRejected, long RowsFiltered,
    long RowsInserted, long RowsUpdated, long RowsDeleted, long RowsSkipped, string? Error, string? Note, Guid? ReplayOfRunId, Guid? LoadId, IReadOnlyList<RunStepDto> Steps, IReadOnlyList<RunArtifactDto> Artifacts)
{
    public static RunDetail From(FlowRun r, IReadOnlyList<RunStepDto> steps, IReadOnlyList<RunArtifactDto> artifacts) =>
        new(r.Id, r.FlowId, r.FlowName, r.GroupId, r.Trigger, r.TriggeredBy, r.Status, r.QueuedUtc, r.StartedUtc, r.EndedUtc,
            r.RowsRead, r.RowsWritten, r.RowsRejected, r.RowsFiltered, r.RowsInserted, r.RowsUpdated, r.RowsDeleted, r.RowsSkipped, r.Error, r.Note, r.ReplayOfRunId, r.LoadId ?? r.Id, steps, artifacts);
}
