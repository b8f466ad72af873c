using EtlStudio.Engine.Pipeline;
using EtlStudio.Web.Runs;

namespace EtlStudio.Web.Api;

/// <summary>What a dry run would do: a failed dry run (bad mapping, reject threshold, destination down) is still a 200,
/// with <c>succeeded: false</c> and the error, because that is the answer the caller asked for.</summary>
internal sealed record DryRunReport(int FlowId, bool Succeeded, long RowsRead, long WouldInsert, long WouldUpdate, long WouldDelete,
    long RowsRejected, IReadOnlyList<RejectDto> Rejects, IReadOnlyList<DryRunStep> Steps, string? Error)
{
    public static DryRunReport From(int flowId, DryRunResult r) => new(flowId, r.Succeeded, r.RowsRead, r.WouldInsert, r.WouldUpdate, r.WouldDelete,
        r.RowsRejected, [.. r.Rejects.Select(x => new RejectDto(x.Origin, x.RowNumber, x.Column, x.Value, x.Reason))],
        [.. r.Steps.Select(s => new DryRunStep(s.Step.ToString(), s.Started, (long)s.Duration.TotalMilliseconds))], RunExecution.Describe(r.Error));
}
