using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>The one write path of a flow: validates a <see cref="FlowForm"/> against what its ids point at, checks the
/// name within the group, places a new flow after the group's last one, and saves it with its ordered mappings. The
/// designer, <c>/api/flows</c> and the group importer all come through here, so they refuse the same input with the
/// same words.</summary>
internal sealed class FlowService(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock)
{
    /// <summary>Saves <paramref name="form"/> (id 0: a new flow). Returns the saved flow, or every field problem, or the
    /// name conflict, or <see cref="FlowSaveResult.NotFound"/> for an id that does not exist.</summary>
    public async Task<FlowSaveResult> SaveAsync(FlowForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = form.Id == 0 ? null : await db.Flows.Include(f => f.Columns).FirstOrDefaultAsync(f => f.Id == form.Id, cancellationToken);
        if (form.Id != 0 && flow is null) return FlowSaveResult.Missing;
        if (form.Validate(await ReferencesAsync(db, form, cancellationToken)) is { Count: > 0 } errors) return FlowSaveResult.Invalid(errors);
        // Only a flow whose fields are right is compiled: the check needs its columns and lookups as they will run.
        if (FlowExpressionCheck.Check(form) is { Count: > 0 } problems) return FlowSaveResult.Invalid(FlowExpressionCheck.Errors(form, problems), problems);
        if (await FindConflictAsync(db, form, cancellationToken) is { } conflict) return FlowSaveResult.Conflicting(conflict);
        var now = clock.GetUtcNow().UtcDateTime;
        if (flow is null)
        {
            form.Order ??= await NextOrderAsync(db, form.GroupId!.Value, cancellationToken);
            flow = new Flow { Name = form.Name.Trim(), CreatedUtc = now };
            db.Flows.Add(flow);
        }
        else
        {
            db.RemoveRange(flow.Columns);
        }
        form.ApplyTo(flow);
        flow.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Someone else took the name between the check and the insert.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return FlowSaveResult.Conflicting(await FindConflictAsync(fresh, form, cancellationToken) ?? Duplicate(form.Name.Trim(), await GroupNameAsync(fresh, form, cancellationToken)));
        }
        return new FlowSaveResult(flow, null, null);
    }

    /// <summary>Deletes the flow through SaveChanges (so the audit log sees it); mappings and triggers go with it, its runs
    /// stay in the history. False when there is no such flow.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (flow is null) return false;
        db.Flows.Remove(flow);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds a new flow of a validated form to <paramref name="group"/> in <paramref name="db"/> without saving:
    /// the importer saves a group with all its flows in one transaction. An omitted order is <paramref name="position"/>
    /// (1-based, the same rule as <see cref="SaveAsync"/>: a group's first flow gets 1).</summary>
    public Flow AddNew(EtlDbContext db, Group group, FlowForm form, int position)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(form);
        var now = clock.GetUtcNow().UtcDateTime;
        form.Order ??= position;
        var flow = new Flow { Name = form.Name.Trim(), Group = group, CreatedUtc = now, UpdatedUtc = now };
        form.GroupId = null;
        form.ApplyTo(flow);
        db.Flows.Add(flow);
        return flow;
    }

    /// <summary>What the ids of <paramref name="form"/> point at.</summary>
    internal static async Task<FlowReferences> ReferencesAsync(EtlDbContext db, FlowForm form, CancellationToken cancellationToken)
    {
        var groupExists = form.GroupId is { } groupId && await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken);
        int[] ids = [.. new[] { form.SourceConnectionId, form.DestinationConnectionId }.Concat(form.Lookups.Select(l => l.ConnectionId)).OfType<int>().Distinct()];
        var kinds = await db.Connections.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Kind, cancellationToken);
        return new(groupExists, Kind(form.SourceConnectionId), Kind(form.DestinationConnectionId), kinds);

        ConnectionKind? Kind(int? id) => id is { } i && kinds.TryGetValue(i, out var kind) ? kind : null;
    }

    private static async Task<int> NextOrderAsync(EtlDbContext db, int groupId, CancellationToken cancellationToken) =>
        (await db.Flows.Where(f => f.GroupId == groupId).MaxAsync(f => (int?)f.Order, cancellationToken) ?? 0) + 1;

    private static Task<string?> FindConflictAsync(EtlDbContext db, FlowForm form, CancellationToken cancellationToken)
    {
        // Case-insensitive like group names: "Load" and "load" in one group would confuse people.
        var name = form.Name.Trim().ToLower();
        return db.Flows.Where(f => f.GroupId == form.GroupId && f.Id != form.Id && f.Name.ToLower() == name)
            .Select(f => Duplicate(f.Name, f.Group!.Name)).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<string> GroupNameAsync(EtlDbContext db, FlowForm form, CancellationToken cancellationToken) =>
        await db.Groups.Where(g => g.Id == form.GroupId).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken) ?? $"{form.GroupId}";

    /// <summary>The refusal of a name taken in a group, the same words for the portal, the API and the importer.</summary>
    internal static string Duplicate(string flowName, string groupName) => $"A flow named '{flowName}' already exists in group '{groupName}'.";
}
