using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>What the designer reads, a short-lived context per operation; it saves through <see cref="FlowService"/>.</summary>
internal sealed class DesignerData(IDbContextFactory<EtlDbContext> contexts)
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

    /// <summary>The connections <paramref name="flow"/>'s lookups name, by id.</summary>
    public async Task<IReadOnlyDictionary<int, Connection>> LookupConnectionsAsync(Flow flow, CancellationToken cancellationToken)
    {
        var ids = FlowLookups.ConnectionIds(flow);
        if (ids.Count == 0) return new Dictionary<int, Connection>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }
}
