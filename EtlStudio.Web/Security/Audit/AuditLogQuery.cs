using System.Text.Json;
using EtlStudio.Data;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Security.Audit;

/// <summary>Filters of the audit page; each is optional. Times are UTC, <see cref="ToUtc"/> exclusive.</summary>
public sealed record AuditFilter(string? User = null, string? EntityType = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

/// <summary>One audit entry as listed.</summary>
public sealed record AuditRow(long Id, DateTime AtUtc, string User, string EntityType, string? EntityId, string Action, string? Changes)
{
    /// <summary>"Name: old → new" per changed property, for reading without JSON.</summary>
    public IEnumerable<string> ChangeLines()
    {
        if (Changes is null) yield break;
        using var document = JsonDocument.Parse(Changes);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            yield return $"{property.Name}: {Text(property.Value, "old")} → {Text(property.Value, "new")}";
        }
    }

    private static string Text(JsonElement change, string side) =>
        change.TryGetProperty(side, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "∅";
}

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
