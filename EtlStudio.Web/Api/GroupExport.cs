using EtlStudio.Data;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary>A group with its flows, column mappings and Kafka triggers, portable between installations: connections
/// are named, not numbered, and secrets are never included (they stay with the connections of each installation).
/// The incremental cursor is not exported, so an imported flow starts with a full load.</summary>
internal sealed record GroupExport(int FormatVersion, GroupInput? Group, IReadOnlyList<ExportedFlow>? Flows)
{
    public const int CurrentVersion = 1;

    public static async Task<GroupExport?> LoadAsync(IDbContextFactory<EtlDbContext> contexts, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null) return null;
        var flows = await db.Flows.AsNoTracking().Where(f => f.GroupId == id).Include(f => f.Columns)
            .Include(f => f.SourceConnection).Include(f => f.DestinationConnection).AsSplitQuery()
            .OrderBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var flowIds = flows.Select(f => f.Id).ToList();
        var triggers = await db.KafkaTriggers.AsNoTracking().Where(t => flowIds.Contains(t.FlowId)).Include(t => t.Connection)
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        // Lookups name their connections in JSON, not by foreign key: their names are looked up here.
        var names = await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return new(CurrentVersion, GroupInput.From(group), flows.Select(f => new ExportedFlow(f.SourceConnection?.Name, f.DestinationConnection?.Name,
            FlowInput.From(f, names), triggers.Where(t => t.FlowId == f.Id).Select(t => new ExportedTrigger(t.Connection?.Name, TriggerInput.From(t))).ToList())).ToList());
    }
}
