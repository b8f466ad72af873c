using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>The Runs page's reads: the filter choices, and one page of runs sorted and filtered on the server.</summary>
internal sealed class RunListQuery(IDbContextFactory<EtlDbContext> contexts)
{
    /// <summary>Flows and groups by name, for the filters.</summary>
    public async Task<(IReadOnlyList<(int Id, string Name)> Flows, IReadOnlyList<(int Id, string Name)> Groups)> ChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flows = await db.Flows.AsNoTracking().OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }).ToListAsync(cancellationToken);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        return ([.. flows.Select(f => (f.Id, f.Name))], [.. groups.Select(g => (g.Id, g.Name))]);
    }

    /// <summary>Page <paramref name="page"/> (from 0) of the runs the filter keeps, by <paramref name="sort"/>
    /// ("flow", "status", else queued time), with the total.</summary>
    public async Task<(IReadOnlyList<RunRow> Rows, int Total)> PageAsync(RunFilter filter, string? sort, bool descending, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = filter.Apply(db.Runs.AsNoTracking());
        // UTC DateTime columns (not DateTimeOffset) so SQLite can sort them too.
        IQueryable<FlowRun> runs = sort switch
        {
            "flow" => descending ? filtered.OrderByDescending(r => r.FlowName) : filtered.OrderBy(r => r.FlowName),
            "status" => descending ? filtered.OrderByDescending(r => r.Status) : filtered.OrderBy(r => r.Status),
            _ => descending ? filtered.OrderByDescending(r => r.QueuedUtc) : filtered.OrderBy(r => r.QueuedUtc),
        };
        var total = await filtered.CountAsync(cancellationToken);
        var rows = await RunRow.Query(runs, db.Groups).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }
}
