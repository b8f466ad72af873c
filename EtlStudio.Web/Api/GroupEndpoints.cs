using System.Security.Claims;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Groups;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Scheduling;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/groups</c>: CRUD through the portal's <see cref="GroupStore"/> and <see cref="GroupForm"/> (same rules,
/// same words), run now, export and import.</summary>
internal static class GroupEndpoints
{
    public static void MapGroupEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write, run) = ApiRoutes.For(api, "/groups", "Groups", Policies.Edit);
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:int}", GetAsync).WithName("GetGroup");
        read.MapGet("/{id:int}/export", ExportAsync).WithSummary("The group with its flows, mappings and triggers; connections by name, no secrets, no failure webhook URL.");
        write.MapPost("/", CreateAsync);
        write.MapPut("/{id:int}", UpdateAsync);
        write.MapDelete("/{id:int}", DeleteAsync);
        write.MapPost("/import", ImportAsync).WithSummary("Creates a group from an export; 409 when its name is taken, 400 naming unknown connections. " +
            "The failure webhook URL is never imported (it is a credential): set it on the new group with PUT.");
        run.MapPost("/{id:int}/run", RunAsync).WithSummary("Queues a run of each enabled flow of the group, in order.");
    }

    private static async Task<Ok<List<GroupDto>>> ListAsync(IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { Group = g, Flows = g.Flows.Count }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => GroupDto.From(r.Group, r.Flows)).ToList());
    }

    private static async Task<Results<Ok<GroupDto>, ProblemHttpResult>> GetAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        var group = await FindAsync(contexts, id, cancellationToken);
        return group is null ? ApiResults.NotFound("Group", id) : TypedResults.Ok(group);
    }

    private static async Task<Results<CreatedAtRoute<GroupDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(GroupInput input, GroupStore store,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        var form = input.ToForm(0);
        if (form.Validate() is { Count: > 0 } errors) return ApiResults.Invalid(errors);
        var (id, conflict) = await store.SaveAsync(form, cancellationToken);
        if (conflict is not null) return ApiResults.Conflict(conflict);
        return TypedResults.CreatedAtRoute((await FindAsync(contexts, id, cancellationToken))!, "GetGroup", new { id });
    }

    private static async Task<Results<Ok<GroupDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, GroupInput input, GroupStore store,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null) return ApiResults.NotFound("Group", id);
        var form = input.ToForm(id);
        if (form.Validate() is { Count: > 0 } errors) return ApiResults.Invalid(errors);
        var (_, conflict) = await store.SaveAsync(form, cancellationToken);
        if (conflict is not null) return ApiResults.Conflict(conflict);
        return TypedResults.Ok((await FindAsync(contexts, id, cancellationToken))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, GroupStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null) return ApiResults.NotFound("Group", id);
        await store.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<GroupExport>, ProblemHttpResult>> ExportAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        var export = await GroupExport.LoadAsync(contexts, id, cancellationToken);
        return export is null ? ApiResults.NotFound("Group", id) : TypedResults.Ok(export);
    }

    private static async Task<Results<CreatedAtRoute<GroupDto>, ValidationProblem, ProblemHttpResult>> ImportAsync(GroupExport export, GroupImporter importer,
        GroupScheduleSync schedules, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        var result = await importer.ImportAsync(export, cancellationToken);
        if (result.Errors.Count > 0) return ApiResults.Invalid(result.Errors);
        if (result.Conflict is not null) return ApiResults.Conflict(result.Conflict);
        // Create, update and delete sync the schedule inside GroupStore; an import saves outside it.
        await schedules.SyncGroupAsync(result.GroupId, cancellationToken);
        return TypedResults.CreatedAtRoute((await FindAsync(contexts, result.GroupId, cancellationToken))!, "GetGroup", new { id = result.GroupId });
    }

    private static async Task<Results<Accepted<GroupRunAccepted>, ProblemHttpResult>> RunAsync(int id, [FromServices] IRunLauncher launcher,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Groups.AnyAsync(g => g.Id == id, cancellationToken)) return ApiResults.NotFound("Group", id);
        }
        try
        {
            var runIds = await launcher.RunGroupAsync(id, RunTrigger.Api, cancellationToken);
            return TypedResults.Accepted($"/api/runs?groupId={id}", new GroupRunAccepted(runIds));
        }
        catch (KeyNotFoundException)
        {
            // Deleted between the check and the launch.
            return ApiResults.NotFound("Group", id);
        }
    }

    private static async Task<GroupDto?> FindAsync(IDbContextFactory<EtlDbContext> contexts, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new { Group = g, Flows = g.Flows.Count }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : GroupDto.From(row.Group, row.Flows);
    }
}
