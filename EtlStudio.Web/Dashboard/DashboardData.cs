using System.Globalization;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

using EtlStudio.Web.Runs;

namespace EtlStudio.Web.Dashboard;

/// <summary>Reads the dashboard: running runs, failures of the last 24 hours, the next scheduled fires of enabled
/// groups (Cronos, in each group's zone), and rows written per day over the last 14 days.</summary>
internal sealed class DashboardData(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock)
{
    public const int Days = 14;

    /// <summary>The count cards.</summary>
    public async Task<DashboardCounts> CountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new DashboardCounts(
            await db.Groups.CountAsync(cancellationToken),
            await db.Groups.CountAsync(g => g.Enabled, cancellationToken),
            await db.Flows.CountAsync(cancellationToken),
            await db.Flows.CountAsync(f => f.Enabled, cancellationToken),
            await db.Connections.CountAsync(cancellationToken));
    }

    /// <summary>The last <paramref name="count"/> runs queued.</summary>
    public async Task<List<RunRow>> LastRunsAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RunRow.Query(db.Runs.AsNoTracking().OrderByDescending(r => r.QueuedUtc), db.Groups).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<DashboardView> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now.UtcDateTime.AddHours(-24);
        var firstDay = now.UtcDateTime.Date.AddDays(-(Days - 1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await RunRow.Query(db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running || r.Status == RunStatus.Queued)
            .OrderByDescending(r => r.QueuedUtc), db.Groups).Take(20).ToListAsync(cancellationToken);
        var failures = await RunRow.Query(db.Runs.AsNoTracking().Where(r => (r.Status == RunStatus.Failed || r.Status == RunStatus.Abandoned) && r.QueuedUtc >= since)
            .OrderByDescending(r => r.QueuedUtc), db.Groups).Take(50).ToListAsync(cancellationToken);
        // Summed in memory: the ended time is grouped by day, which SQLite cannot do on a DateTime column in SQL.
        var loaded = await db.Runs.AsNoTracking().Where(r => r.EndedUtc >= firstDay && r.RowsWritten > 0)
            .Select(r => new { r.EndedUtc, r.RowsWritten }).ToListAsync(cancellationToken);
        var perDay = Enumerable.Range(0, Days).Select(i => DateOnly.FromDateTime(firstDay.AddDays(i)))
            .Select(day => new DayRows(day, loaded.Where(r => DateOnly.FromDateTime(r.EndedUtc!.Value) == day).Sum(r => r.RowsWritten))).ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => g.Enabled && g.Cron != null).Select(g => new { g.Id, g.Name, g.Cron, g.TimeZone }).ToListAsync(cancellationToken);
        var fires = groups.SelectMany(g => Next(g.Id, g.Name, g.Cron, g.TimeZone, now)).OrderBy(f => f.AtUtc).Take(10).ToList();
        return new DashboardView(running, failures, fires, perDay);
    }

    private static IEnumerable<NextFire> Next(int id, string name, string? cron, string zoneId, DateTimeOffset now)
    {
        if (!CronSchedule.TryParse(cron, out var expression, out _) || !TimeZones.TryFind(zoneId, out var zone, out _)) return [];
        return CronSchedule.NextOccurrences(expression, zone, now, 3)
            .Select(t => new NextFire(id, name, t.ToUniversalTime(), CronSchedule.Format(t, CronSchedule.HasSeconds(cron), zone)));
    }

    public static string Format(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);
}
