using System.Security.Claims;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/flows</c>: flows with their ordered column mappings, saved by <see cref="FlowService"/>; run now and
/// reset cursor.</summary>
internal static class FlowEndpoints
{
    public static void MapFlowEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write, run) = ApiRoutes.For(api, "/flows", "Flows", Policies.Edit);
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:int}", GetAsync).WithName("GetFlow");
        write.MapPost("/", CreateAsync);
        write.MapPut("/{id:int}", UpdateAsync);
        write.MapDelete("/{id:int}", DeleteAsync);
        run.MapPost("/{id:int}/run", RunAsync).WithSummary("Queues a run of the flow (a flow already queued returns that run).");
        run.MapPost("/{id:int}/dry-run", DryRunEndpoint.RunAsync)
            .WithSummary("Runs the flow in a transaction that is rolled back; answers what it would insert, update and reject.");
        write.MapGet("/{id:int}/schema-plan", SchemaEndpoints.PlanAsync)
            .WithSummary("Compares the mapping with the destination table and answers the DDL that would make it fit (nothing runs).");
        write.MapPost("/{id:int}/schema-plan/apply", SchemaEndpoints.ApplyAsync)
            .WithSummary("Plans again and runs the DDL (create the table, add missing columns) in one transaction.");
        run.MapPost("/{id:int}/reset-cursor", ResetCursorAsync).WithSummary("Forgets the incremental cursor: the next run is a full load.");
    }

    private static async Task<Ok<List<FlowDto>>> ListAsync(int? groupId, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Flows.AsNoTracking().Include(f => f.Columns).AsSplitQuery();
        if (groupId is { } g) query = query.Where(f => f.GroupId == g);
        var flows = await query.OrderBy(f => f.GroupId).ThenBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(flows.Select(FlowDto.From).ToList());
    }

    private static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> GetAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.AsNoTracking().Include(f => f.Columns).FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return flow is null ? ApiResults.NotFound("Flow", id) : TypedResults.Ok(FlowDto.From(flow));
    }

    private static async Task<Results<CreatedAtRoute<FlowDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(FlowInput input,
        FlowService flows, CancellationToken cancellationToken)
    {
        var result = await flows.SaveAsync(input.ToForm(0), cancellationToken);
        if (result.Errors is { } errors) return Invalid(errors, result);
        if (result.Conflict is { } conflict) return ApiResults.Conflict(conflict);
        return TypedResults.CreatedAtRoute(FlowDto.From(result.Flow!), "GetFlow", new { id = result.Flow!.Id });
    }

    private static async Task<Results<Ok<FlowDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, FlowInput input,
        FlowService flows, CancellationToken cancellationToken)
    {
        var result = await flows.SaveAsync(input.ToForm(id), cancellationToken);
        if (result.NotFound) return ApiResults.NotFound("Flow", id);
        if (result.Errors is { } errors) return Invalid(errors, result);
        if (result.Conflict is { } conflict) return ApiResults.Conflict(conflict);
        return TypedResults.Ok(FlowDto.From(result.Flow!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, FlowService flows, CancellationToken cancellationToken) =>
        await flows.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiResults.NotFound("Flow", id);

    private static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> RunAsync(int id, [FromServices] IRunLauncher launcher,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Flows.AnyAsync(f => f.Id == id, cancellationToken)) return ApiResults.NotFound("Flow", id);
        }
        try
        {
            var runId = await launcher.RunFlowAsync(id, RunTrigger.Api, cancellationToken);
            return TypedResults.Accepted($"/api/runs/{runId}", new RunAccepted(runId));
        }
        catch (KeyNotFoundException)
        {
            return ApiResults.NotFound("Flow", id);
        }
    }

    /// <summary>The 400 of a refused save; an expression that does not compile also lists the engine's problems with the
    /// column (null: the row filter) and the 0-based position in the expression under <c>expressionProblems</c>.</summary>
    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors, FlowSaveResult result) =>
        result.Expressions is { Count: > 0 } problems
            ? ApiResults.Invalid(errors, extensions: new Dictionary<string, object?>
            {
                ["expressionProblems"] = problems.Select(p => new ExpressionProblemDto(p.Column, p.Position, p.Message)).ToList(),
            })
            : ApiResults.Invalid(errors);

    /// <summary>Forgets the incremental cursor: the next run loads everything again.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ResetCursorAsync(int id, FlowCursor cursor, CancellationToken cancellationToken) =>
        await cursor.ResetAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiResults.NotFound("Flow", id);
}
