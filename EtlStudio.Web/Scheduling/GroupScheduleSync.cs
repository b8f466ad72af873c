using EtlStudio.Data;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

using EtlStudio.Web.Runs;

namespace EtlStudio.Web.Scheduling;

/// <summary>Keeps one Hangfire recurring job (<c>group:{id}</c>) per enabled group with a valid CRON, in the group's
/// time zone. The Groups page and the API call <see cref="SyncGroupAsync"/> after every create, edit, enable/disable
/// and delete; <see cref="SyncAllAsync"/> runs at start-up and repairs any drift.</summary>
internal sealed class GroupScheduleSync(IDbContextFactory<EtlDbContext> contexts, IRecurringJobManager recurringJobs, JobStorage storage,
    ILogger<GroupScheduleSync> logger)
{
    private const string Prefix = "group:";

    public static string RecurringJobId(int groupId) => $"{Prefix}{groupId}";

    /// <summary>Adds, updates or removes the group's recurring job to match what is stored now.</summary>
    public async Task SyncGroupAsync(int groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Cron, g.TimeZone, g.Enabled }).FirstOrDefaultAsync(cancellationToken);
        if (group is null || !group.Enabled || string.IsNullOrWhiteSpace(group.Cron))
        {
            Remove(groupId);
            return;
        }
        if (CronRules.Validate(group.Cron, group.TimeZone) is { } problem)
        {
            RuntimeLog.ScheduleRefused(logger, groupId, problem);
            Remove(groupId);
            return;
        }
        TimeZones.TryFind(group.TimeZone, out var zone, out _);
        recurringJobs.AddOrUpdate<GroupRunJob>(RecurringJobId(groupId), job => job.RunScheduledAsync(groupId, null, CancellationToken.None),
            // Relaxed: after downtime (or a late scheduler) the missed due times make one run, not one each.
            group.Cron.Trim(), new RecurringJobOptions { TimeZone = zone, MisfireHandling = MisfireHandlingMode.Relaxed });
        RuntimeLog.ScheduleSet(logger, groupId, group.Cron, group.TimeZone);
    }

    /// <summary>Syncs every group and removes recurring jobs of groups that no longer exist.</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken = default)
    {
        List<int> ids;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Groups.Select(g => g.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in ids) await SyncGroupAsync(id, cancellationToken);
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            if (!int.TryParse(job.Id.AsSpan(Prefix.Length), out var groupId) || !ids.Contains(groupId)) recurringJobs.RemoveIfExists(job.Id);
        }
    }

    /// <summary>When the group's schedule fires next (UTC), or null when it is not scheduled.</summary>
    public DateTime? NextExecution(int groupId)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([RecurringJobId(groupId)]).FirstOrDefault() is { Removed: false } job ? job.NextExecution : null;
    }

    private void Remove(int groupId)
    {
        recurringJobs.RemoveIfExists(RecurringJobId(groupId));
        RuntimeLog.ScheduleRemoved(logger, groupId);
    }
}
