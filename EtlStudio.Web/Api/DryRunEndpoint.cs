using System.Security.Claims;
using EtlStudio.Data;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

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

/// <summary>Time spent in one step of the dry run.</summary>
internal sealed record DryRunStep(string Name, DateTimeOffset Started, long DurationMs);

/// <summary><c>POST /api/flows/{id}/dry-run</c>: runs the saved flow against its destination in a transaction that is
/// rolled back, and answers with the counts and the first rejected rows. Not recorded as a run.</summary>
internal static class DryRunEndpoint
{
    public static async Task<Results<Ok<DryRunReport>, ProblemHttpResult>> RunAsync(int id, [FromServices] FlowDryRun dryRun,
        IDbContextFactory<EtlDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Flows.AnyAsync(f => f.Id == id, cancellationToken)) return ApiResults.NotFound("Flow", id);
        }
        var result = await dryRun.RunAsync(id, ApiResults.UserName(user), null, cancellationToken);
        return TypedResults.Ok(DryRunReport.From(id, result));
    }
}
