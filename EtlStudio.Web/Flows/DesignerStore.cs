using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>A connection as the designer's pickers show it.</summary>
public sealed record ConnectionChoice(int Id, string Name, ConnectionKind Kind);

/// <summary>A group as the designer's picker shows it.</summary>
public sealed record GroupChoice(int Id, string Name);

/// <summary>Reads and saves flows for the designer, a short-lived context per operation.</summary>
internal sealed class DesignerStore(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock)
{
    public async Task<FlowDraft?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.AsNoTracking().Include(f => f.Columns).FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return flow is null ? null : FlowDraft.From(flow);
    }

    public async Task<(List<GroupChoice> Groups, List<ConnectionChoice> Connections)> ChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new GroupChoice(g.Id, g.Name)).ToListAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Name).Select(c => new ConnectionChoice(c.Id, c.Name, c.Kind)).ToListAsync(cancellationToken);
        return (groups, connections);
    }

    /// <summary>An unsaved flow entity of the draft with its connections loaded (secrets still protected).</summary>
    public async Task<Flow> MaterializeAsync(FlowDraft draft, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = new Flow { Name = draft.Name };
        draft.ApplyTo(flow);
        flow.SourceConnection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == draft.Form.SourceConnectionId, cancellationToken);
        flow.DestinationConnection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == draft.Form.DestinationConnectionId, cancellationToken);
        return flow;
    }

    /// <summary>Saves the flow and its ordered columns. Returns the id, or the message for a name taken in the group.</summary>
    public async Task<(int Id, string? Conflict)> SaveAsync(FlowDraft draft, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await ConflictAsync(db, draft, cancellationToken) is { } taken) return (0, taken);
        var flow = draft.Id == 0 ? null : await db.Flows.Include(f => f.Columns).FirstOrDefaultAsync(f => f.Id == draft.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (flow is null)
        {
            var order = await db.Flows.Where(f => f.GroupId == draft.Form.GroupId).MaxAsync(f => (int?)f.Order, cancellationToken) ?? 0;
            draft.Form.Order = order + 1;
            flow = new Flow { Name = draft.Name.Trim(), CreatedUtc = now };
            db.Flows.Add(flow);
        }
        else
        {
            db.RemoveRange(flow.Columns);
        }
        draft.ApplyTo(flow);
        flow.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return (0, await ConflictAsync(fresh, draft, cancellationToken) ?? $"A flow named '{draft.Name.Trim()}' already exists in this group.");
        }
        return (flow.Id, null);
    }

    private static async Task<string?> ConflictAsync(EtlDbContext db, FlowDraft draft, CancellationToken cancellationToken)
    {
        var name = draft.Name.Trim().ToLower();
        var taken = await db.Flows.Where(f => f.Id != draft.Id && f.GroupId == draft.Form.GroupId && f.Name.ToLower() == name).Select(f => f.Name).FirstOrDefaultAsync(cancellationToken);
        return taken is null ? null : $"A flow named '{taken}' already exists in this group.";
    }
}
