using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/triggers</c>: Kafka triggers, validated by <see cref="KafkaTriggerForm"/>. The Kafka service picks
/// changes up without a restart.</summary>
internal static class TriggerEndpoints
{
    public static void MapTriggerEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write, _) = ApiRoutes.For(api, "/triggers", "Kafka triggers", Policies.Edit);
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:int}", GetAsync).WithName("GetTrigger");
        write.MapPost("/", CreateAsync);
        write.MapPut("/{id:int}", UpdateAsync);
        write.MapDelete("/{id:int}", DeleteAsync);
    }

    private static async Task<Ok<List<TriggerDto>>> ListAsync(int? flowId, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.KafkaTriggers.AsNoTracking();
        if (flowId is { } f) query = query.Where(t => t.FlowId == f);
        var triggers = await query.OrderBy(t => t.Topic).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(triggers.Select(TriggerDto.From).ToList());
    }

    private static async Task<Results<Ok<TriggerDto>, ProblemHttpResult>> GetAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trigger = await db.KafkaTriggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return trigger is null ? ApiResults.NotFound("Trigger", id) : TypedResults.Ok(TriggerDto.From(trigger));
    }

    private static async Task<Results<CreatedAtRoute<TriggerDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(TriggerInput input,
        IDbContextFactory<EtlDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var form = input.ToForm(0);
        if (await ValidateAsync(db, form, cancellationToken) is { Count: > 0 } errors) return ApiResults.Invalid(errors);
        if (await ConflictAsync(db, form, cancellationToken) is { } conflict) return ApiResults.Conflict(conflict);
        var now = clock.GetUtcNow().UtcDateTime;
        var trigger = new KafkaTrigger { Topic = form.Topic, ConsumerGroup = form.ConsumerGroup, CreatedUtc = now, UpdatedUtc = now };
        form.ApplyTo(trigger);
        db.KafkaTriggers.Add(trigger);
        if (await ApiResults.SaveAsync(db, Duplicate(form), cancellationToken) is { } raced) return ApiResults.Conflict(raced);
        return TypedResults.CreatedAtRoute(TriggerDto.From(trigger), "GetTrigger", new { id = trigger.Id });
    }

    private static async Task<Results<Ok<TriggerDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, TriggerInput input,
        IDbContextFactory<EtlDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trigger = await db.KafkaTriggers.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trigger is null) return ApiResults.NotFound("Trigger", id);
        var form = input.ToForm(id);
        if (await ValidateAsync(db, form, cancellationToken) is { Count: > 0 } errors) return ApiResults.Invalid(errors);
        if (await ConflictAsync(db, form, cancellationToken) is { } conflict) return ApiResults.Conflict(conflict);
        form.ApplyTo(trigger);
        trigger.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        if (await ApiResults.SaveAsync(db, Duplicate(form), cancellationToken) is { } raced) return ApiResults.Conflict(raced);
        return TypedResults.Ok(TriggerDto.From(trigger));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trigger = await db.KafkaTriggers.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trigger is null) return ApiResults.NotFound("Trigger", id);
        db.KafkaTriggers.Remove(trigger);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Dictionary<string, string>> ValidateAsync(EtlDbContext db, KafkaTriggerForm form, CancellationToken cancellationToken)
    {
        var kind = form.ConnectionId is { } c
            ? await db.Connections.Where(x => x.Id == c).Select(x => (ConnectionKind?)x.Kind).FirstOrDefaultAsync(cancellationToken)
            : null;
        var flowExists = form.FlowId is { } f && await db.Flows.AnyAsync(x => x.Id == f, cancellationToken);
        return form.Validate(kind, flowExists);
    }

    private static async Task<string?> ConflictAsync(EtlDbContext db, KafkaTriggerForm form, CancellationToken cancellationToken)
    {
        var (topic, group) = (form.Topic.Trim(), form.ConsumerGroup.Trim());
        var taken = await db.KafkaTriggers.AnyAsync(t => t.Id != form.Id && t.FlowId == form.FlowId && t.Topic == topic && t.ConsumerGroup == group, cancellationToken);
        return taken ? Duplicate(form) : null;
    }

    private static string Duplicate(KafkaTriggerForm form) =>
        $"Flow {form.FlowId} already has a trigger on topic '{form.Topic.Trim()}' with consumer group '{form.ConsumerGroup.Trim()}' (it would load every message twice).";
}
