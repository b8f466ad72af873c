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

/// <summary><c>/api/flows</c>: flows with their ordered column mappings, validated by <see cref="FlowForm"/>; run now and
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
        IDbContextFactory<EtlDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var nextOrder = input.GroupId is { } g ? await db.Flows.Where(f => f.GroupId == g).Select(f => (int?)f.Order).MaxAsync(cancellationToken) + 1 ?? 0 : 0;
        var form = input.ToForm(0, nextOrder);
        if (form.Validate(await FlowReferencesAsync(db, form, cancellationToken)) is { Count: > 0 } errors) return ApiResults.Invalid(errors);
        if (await ConflictAsync(db, form, cancellationToken) is { } conflict) return ApiResults.Conflict(conflict);
        var now = clock.GetUtcNow().UtcDateTime;
        var flow = new Flow { Name = form.Name, CreatedUtc = now, UpdatedUtc = now };
        form.ApplyTo(flow);
        db.Flows.Add(flow);
        if (await ApiResults.SaveAsync(db, $"A flow named '{form.Name.Trim()}' already exists in this group.", cancellationToken) is { } raced) return ApiResults.Conflict(raced);
        return TypedResults.CreatedAtRoute(FlowDto.From(flow), "GetFlow", new { id = flow.Id });
    }

    private static async Task<Results<Ok<FlowDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, FlowInput input,
        IDbContextFactory<EtlDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.Include(f => f.Columns).FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (flow is null) return ApiResults.NotFound("Flow", id);
        var form = input.ToForm(id, flow.Order);
        if (form.Validate(await FlowReferencesAsync(db, form, cancellationToken)) is { Count: > 0 } errors) return ApiResults.Invalid(errors);
        if (await ConflictAsync(db, form, cancellationToken) is { } conflict) return ApiResults.Conflict(conflict);
        form.ApplyTo(flow);
        flow.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        if (await ApiResults.SaveAsync(db, $"A flow named '{form.Name.Trim()}' already exists in this group.", cancellationToken) is { } raced) return ApiResults.Conflict(raced);
        return TypedResults.Ok(FlowDto.From(flow));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (flow is null) return ApiResults.NotFound("Flow", id);
        // Through SaveChanges (not ExecuteDelete) so the audit log sees it. Mappings and triggers go with the flow;
        // its runs stay in the history (their flow id becomes null).
        db.Flows.Remove(flow);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

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

    /// <summary>Forgets the incremental cursor: the next run loads everything again.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ResetCursorAsync(int id, FlowCursor cursor, CancellationToken cancellationToken) =>
        await cursor.ResetAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiResults.NotFound("Flow", id);

    internal static async Task<FlowReferences> FlowReferencesAsync(EtlDbContext db, FlowForm form, CancellationToken cancellationToken)
    {
        var groupExists = form.GroupId is { } groupId && await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken);
        int[] ids = [.. new[] { form.SourceConnectionId, form.DestinationConnectionId }.OfType<int>()];
        var kinds = await db.Connections.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Kind, cancellationToken);
        return new(groupExists, Kind(form.SourceConnectionId), Kind(form.DestinationConnectionId));

        ConnectionKind? Kind(int? id) => id is { } i && kinds.TryGetValue(i, out var kind) ? kind : null;
    }

    private static Task<string?> ConflictAsync(EtlDbContext db, FlowForm form, CancellationToken cancellationToken)
    {
        // Case-insensitive like group names: "Load" and "load" in one group would confuse people.
        var name = form.Name.Trim().ToLower();
        return db.Flows.Where(f => f.GroupId == form.GroupId && f.Id != form.Id && f.Name.ToLower() == name)
            .Select(f => $"A flow named '{f.Name}' already exists in group '{f.Group!.Name}'.").FirstOrDefaultAsync(cancellationToken);
    }
}
