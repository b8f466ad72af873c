using EtlStudio.Data;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Security.Audit;

/// <summary>Pages through the audit log on the server, newest first.</summary>
public sealed class AuditLogQuery(IDbContextFactory<EtlDbContext> contexts)
{
    /// <summary>One page (0-based) of entries matching the filter, and how many match in all.</summary>
    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User)) query = query.Where(a => a.User.Contains(filter.User.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(a => a.EntityType == filter.EntityType);
        if (filter.FromUtc is { } from) query = query.Where(a => a.AtUtc >= from);
        if (filter.ToUtc is { } to) query = query.Where(a => a.AtUtc < to);
        var total = await query.CountAsync(cancellationToken);
        // Ids grow with time and are indexed by every provider; SQLite cannot order by some date types.
        var rows = await query.OrderByDescending(a => a.Id).Skip(page * pageSize).Take(pageSize)
            .Select(a => new AuditRow(a.Id, a.AtUtc, a.User, a.EntityType, a.EntityId, a.Action, a.Changes))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Entity types that have entries, for the filter.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }
}
