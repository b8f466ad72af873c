using EtlStudio.Data;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>The Flows page's query: one page of flows, ordered by group and position, and how many there are.</summary>
internal sealed class FlowList(IDbContextFactory<EtlDbContext> contexts)
{
    /// <summary>The largest page served, whatever the page asks for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Page <paramref name="page"/> (0-based) of <paramref name="pageSize"/> flows, and the total count.</summary>
    public async Task<(List<FlowListRow> Rows, int Total)> PageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Flows.CountAsync(cancellationToken);
        // The skip is computed in long: a huge page number must not wrap to page 1 (issue #12).
        var skip = (long)page * pageSize;
        if (skip >= total) return ([], total);
        var rows = await db.Flows.AsNoTracking().OrderBy(f => f.Group!.Name).ThenBy(f => f.Order).ThenBy(f => f.Id)
            .Skip((int)skip).Take(pageSize)
            .Select(f => new FlowListRow(f.Id, f.GroupId, f.Group!.Name, f.Order, f.Name, f.SourceConnection!.Name, f.SourcePath ?? f.SourceQuery ?? f.SourceTopic,
                f.ParseFormat, f.DestinationConnection!.Name, f.DestinationTable, f.LoadMode, f.KeyColumns, f.Columns.Count, f.Enabled))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }
}
