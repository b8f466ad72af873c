using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Triggers;

/// <summary>The one write path for Kafka triggers: the Triggers pages and <c>/api/triggers</c> both validate, check
/// conflicts and save here, so they refuse the same input with the same words. The Kafka service picks changes up on
/// its next poll (<see cref="KafkaOptions.TriggerPollSeconds"/>), no restart needed.</summary>
internal sealed class TriggerService(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock)
{
    public async Task<List<KafkaTrigger>> ListAsync(int? flowId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.KafkaTriggers.AsNoTracking();
        if (flowId is { } f) query = query.Where(t => t.FlowId == f);
        return await query.OrderBy(t => t.Topic).ThenBy(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Every trigger with the names of its flow, group and connection, for the Triggers page.</summary>
    public async Task<List<TriggerRow>> ListRowsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var triggers = await db.KafkaTriggers.AsNoTracking().Include(t => t.Flow!).ThenInclude(f => f.Group).Include(t => t.Connection)
            .OrderBy(t => t.Topic).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return triggers.ConvertAll(t => new TriggerRow(t.Id, t.Topic, t.ConsumerGroup, t.FlowId, t.Flow!.Name, t.Flow.Group!.Name, t.Connection!.Name,
            t.BatchSize, t.BatchWindowMs, t.DeadLetterTopic, t.Enabled, t.Flow.Enabled, PartitionParallelism.Consumers(t)));
    }

    /// <summary>What the editor offers: the Kafka connections and every flow.</summary>
    public async Task<TriggerChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().Where(c => c.Kind == ConnectionKind.Kafka).OrderBy(c => c.Name)
            .Select(c => new TriggerChoice(c.Id, c.Name)).ToListAsync(cancellationToken);
        var flows = await db.Flows.AsNoTracking().OrderBy(f => f.Group!.Name).ThenBy(f => f.Name)
            .Select(f => new TriggerChoice(f.Id, f.Group!.Name + " / " + f.Name)).ToListAsync(cancellationToken);
        return new TriggerChoices(connections, flows);
    }

    public async Task<KafkaTrigger?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.KafkaTriggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>Creates (<c>form.Id == 0</c>) or replaces a trigger: every problem keyed by property, a conflict with
    /// another trigger of the flow on the same topic and group, or the saved id.</summary>
    public async Task<TriggerSaveResult> SaveAsync(KafkaTriggerForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trigger = form.Id == 0 ? null : await db.KafkaTriggers.FirstOrDefaultAsync(t => t.Id == form.Id, cancellationToken);
        if (form.Id != 0 && trigger is null) return TriggerSaveResult.NotFound;
        if (await ValidateAsync(db, form, cancellationToken) is { Count: > 0 } errors) return TriggerSaveResult.Invalid(errors);
        if (await ConflictAsync(db, form, cancellationToken) is { } conflict) return TriggerSaveResult.Conflicted(conflict);
        var now = clock.GetUtcNow().UtcDateTime;
        if (trigger is null)
        {
            trigger = new KafkaTrigger { Topic = form.Topic, ConsumerGroup = form.ConsumerGroup, CreatedUtc = now };
            db.KafkaTriggers.Add(trigger);
        }
        form.ApplyTo(trigger);
        trigger.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone saved the same flow, topic and group between the check and the insert.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return TriggerSaveResult.Conflicted(await ConflictAsync(fresh, form, cancellationToken) ?? e.Message);
        }
        return TriggerSaveResult.Saved(trigger.Id);
    }

    /// <summary>Deletes the trigger; false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trigger = await db.KafkaTriggers.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trigger is null) return false;
        db.KafkaTriggers.Remove(trigger);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The form's rules (<see cref="KafkaTriggerForm.Validate"/>) with the connection and flow it names looked up.</summary>
    private static async Task<Dictionary<string, string>> ValidateAsync(EtlDbContext db, KafkaTriggerForm form, CancellationToken cancellationToken)
    {
        var connection = form.ConnectionId is { } c
            ? await db.Connections.AsNoTracking().Where(x => x.Id == c).Select(x => new TriggerConnection(x.Name, x.Kind)).FirstOrDefaultAsync(cancellationToken)
            : null;
        var flowExists = form.FlowId is { } f && await db.Flows.AnyAsync(x => x.Id == f, cancellationToken);
        return form.Validate(connection, flowExists);
    }

    private static async Task<string?> ConflictAsync(EtlDbContext db, KafkaTriggerForm form, CancellationToken cancellationToken)
    {
        var (topic, group) = (form.Topic.Trim(), form.ConsumerGroup.Trim());
        var flow = await db.KafkaTriggers.Where(t => t.Id != form.Id && t.FlowId == form.FlowId && t.Topic == topic && t.ConsumerGroup == group)
            .Select(t => t.Flow!.Name).FirstOrDefaultAsync(cancellationToken);
        return flow is null ? null : Duplicate(flow, topic, group);
    }

    internal static string Duplicate(string flow, string topic, string group) =>
        $"Flow '{flow}' already has a trigger on topic '{topic}' with consumer group '{group}' (it would load every message twice).";
}
