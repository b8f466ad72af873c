using System.Security.Claims;
using EtlStudio.Data;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

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
