using Cronos;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Scheduling;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

public sealed class ScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task Syncing_a_group_registers_its_CRON_in_its_time_zone_and_editing_the_CRON_moves_the_next_fire()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app, cron: "0 2 * * *", timeZone: "Europe/Amsterdam");
        var sync = app.Get<GroupScheduleSync>();

        await sync.SyncGroupAsync(group.Id, Ct);
        var first = RecurringJob(app, group.Id);
        await SetAsync(app, group.Id, g => g.SetProperty(x => x.Cron, "30 4 * * 1"));
        await sync.SyncGroupAsync(group.Id, Ct);
        var edited = RecurringJob(app, group.Id);

        Assert.Equal(("0 2 * * *", "Europe/Amsterdam"), (first.Cron, first.TimeZoneId));
        Assert.Equal(Next("0 2 * * *", first.CreatedAt), first.NextExecution);
        Assert.Equal("30 4 * * 1", edited.Cron);
        Assert.Equal(Next("30 4 * * 1", DateTime.UtcNow), edited.NextExecution);
        Assert.NotEqual(first.NextExecution, edited.NextExecution);
        Assert.Equal(edited.NextExecution, sync.NextExecution(group.Id));
    }

    [Fact]
    public async Task Disabling_or_deleting_a_group_removes_its_schedule()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var disabled = await TestData.GroupAsync(app, cron: "0 2 * * *");
        var deleted = await TestData.GroupAsync(app, cron: "0 3 * * *");
        var sync = app.Get<GroupScheduleSync>();
        await sync.SyncGroupAsync(disabled.Id, Ct);
        await sync.SyncGroupAsync(deleted.Id, Ct);
        Assert.NotNull(sync.NextExecution(disabled.Id));

        await SetAsync(app, disabled.Id, g => g.SetProperty(x => x.Enabled, false));
        await sync.SyncGroupAsync(disabled.Id, Ct);
        await using (var db = await app.DbAsync())
        {
            await db.Groups.Where(g => g.Id == deleted.Id).ExecuteDeleteAsync(Ct);
        }
        await sync.SyncGroupAsync(deleted.Id, Ct);

        Assert.Null(sync.NextExecution(disabled.Id));
        Assert.Null(sync.NextExecution(deleted.Id));
        using var connection = app.Get<JobStorage>().GetConnection();
        Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == GroupScheduleSync.RecurringJobId(disabled.Id) || j.Id == GroupScheduleSync.RecurringJobId(deleted.Id));
    }

    [Fact]
    public async Task Full_sync_removes_schedules_of_groups_that_no_longer_exist()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app, cron: "0 2 * * *");
        app.Get<IRecurringJobManager>().AddOrUpdate<GroupRunJob>(GroupScheduleSync.RecurringJobId(9999), j => j.RunScheduledAsync(9999, null, CancellationToken.None), "0 1 * * *");

        await app.Get<GroupScheduleSync>().SyncAllAsync(Ct);

        using var connection = app.Get<JobStorage>().GetConnection();
        var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();
        Assert.Contains(GroupScheduleSync.RecurringJobId(group.Id), ids);
        Assert.DoesNotContain(GroupScheduleSync.RecurringJobId(9999), ids);
    }

    [Theory]
    [InlineData("0 0 30 2 *", "never fires")]
    [InlineData("0 0 31 4 *", "never fires")]
    [InlineData("0 25 * * *", "Invalid CRON expression")]
    [InlineData("* * *", "has 3")]
    public async Task A_CRON_that_cannot_fire_is_refused_with_the_reason_and_not_scheduled(string cron, string reason)
    {
        Assert.Contains(reason, CronRules.Validate(cron, "UTC"), StringComparison.Ordinal);
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app, cron: cron);

        await app.Get<GroupScheduleSync>().SyncGroupAsync(group.Id, Ct);

        Assert.Null(app.Get<GroupScheduleSync>().NextExecution(group.Id));
    }

    [Fact]
    public void Leap_day_CRON_and_a_known_zone_are_accepted_an_unknown_zone_is_refused()
    {
        Assert.Null(CronRules.Validate("0 0 29 2 *", "Europe/Amsterdam"));
        Assert.Null(CronRules.Validate("*/2 * * * * *", "UTC"));
        Assert.Contains("Unknown time zone 'Mars/Olympus'", CronRules.Validate("0 2 * * *", "Mars/Olympus"), StringComparison.Ordinal);
    }

    [Fact]
    public void Cron_in_Amsterdam_moves_a_time_in_the_missing_DST_hour_to_the_end_of_the_gap()
    {
        // 2027-03-28: clocks go from 02:00 to 03:00 in Amsterdam. Cronos (Hangfire's CRON engine) runs a daily job
        // due in the gap at 03:00 instead of skipping that day.
        var times = Occurrences("30 2 * * *", new DateTime(2027, 3, 27, 12, 0, 0, DateTimeKind.Utc), 3);

        Assert.Equal([
            new DateTimeOffset(2027, 3, 28, 3, 0, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2027, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2027, 3, 30, 2, 30, 0, TimeSpan.FromHours(2))], times);
    }

    [Fact]
    public void Cron_in_Amsterdam_runs_a_daily_job_once_in_the_repeated_hour_and_an_interval_job_in_both()
    {
        // 2027-10-31: 03:00 summer time becomes 02:00 winter time, so 02:00-03:00 happens twice.
        var from = new DateTime(2027, 10, 30, 23, 50, 0, DateTimeKind.Utc);

        var daily = Occurrences("30 2 * * *", from, 2);
        var halfHourly = Occurrences("*/30 2 * * *", from, 4);

        Assert.Equal([new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2027, 11, 1, 2, 30, 0, TimeSpan.FromHours(1))], daily);
        Assert.Equal([
            new DateTimeOffset(2027, 10, 31, 2, 0, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2027, 10, 31, 2, 0, 0, TimeSpan.FromHours(1)),
            new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(1))], halfHourly);
    }

    [Fact]
    public async Task A_group_due_every_two_seconds_fires_once_per_due_time_and_stops_when_disabled()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app, cron: "*/2 * * * * *");
        var (flow, source, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a')");
        await app.Get<GroupScheduleSync>().SyncGroupAsync(group.Id, Ct);

        var runs = await WaitForScheduledRunsAsync(app, flow.Id, 3);
        await SetAsync(app, group.Id, g => g.SetProperty(x => x.Enabled, false));
        await app.Get<GroupScheduleSync>().SyncGroupAsync(group.Id, Ct);

        AssertOncePerDueTime(runs, TimeSpan.FromSeconds(2));
        Assert.All(runs, r => Assert.Equal(RunTrigger.Schedule, r.Trigger));
        Assert.Null(app.Get<GroupScheduleSync>().NextExecution(group.Id));
    }

    /// <summary>Scheduled runs record the time Hangfire triggered them ("schedule 2026-11-25 08:00:02Z"): the due time, or
    /// "now" when the scheduler was late (Hangfire's default Relaxed misfire handling, which triggers a late schedule once,
    /// not once per missed time). So no two runs may fall in the same period: that would be one due time fired twice.</summary>
    internal static void AssertOncePerDueTime(IReadOnlyList<FlowRun> runs, TimeSpan period)
    {
        var due = runs.Select(r => r.TriggeredBy!).ToList();
        Assert.All(due, d => Assert.StartsWith("schedule 20", d, StringComparison.Ordinal));
        var slots = due.Select(d => DateTime.Parse(d["schedule ".Length..].TrimEnd('Z'), System.Globalization.CultureInfo.InvariantCulture).Ticks / period.Ticks).ToList();
        Assert.Equal(slots.Count, slots.Distinct().Count());
    }

    internal static async Task<List<FlowRun>> WaitForScheduledRunsAsync(RuntimeApp app, int flowId, int count, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var db = await app.DbAsync();
            var runs = await db.Runs.AsNoTracking().Where(r => r.FlowId == flowId && r.Trigger == RunTrigger.Schedule && r.Status != RunStatus.Queued && r.Status != RunStatus.Running)
                .ToListAsync();
            if (runs.Count >= count) return runs;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{runs.Count} scheduled runs ended after {seconds} s, expected {count}.");
            await Task.Delay(200);
        }
    }

    private static RecurringJobDto RecurringJob(RuntimeApp app, int groupId)
    {
        using var connection = app.Get<JobStorage>().GetConnection();
        return Assert.Single(connection.GetRecurringJobs([GroupScheduleSync.RecurringJobId(groupId)]));
    }

    private static DateTime? Next(string cron, DateTime? from) =>
        CronExpression.Parse(cron).GetNextOccurrence(DateTime.SpecifyKind(from ?? DateTime.UtcNow, DateTimeKind.Utc), Amsterdam);

    private static List<DateTimeOffset> Occurrences(string cron, DateTime fromUtc, int count)
    {
        var expression = CronExpression.Parse(cron);
        var result = new List<DateTimeOffset>();
        var cursor = new DateTimeOffset(fromUtc);
        while (result.Count < count && expression.GetNextOccurrence(cursor, Amsterdam) is { } next)
        {
            result.Add(next);
            cursor = next;
        }
        return result;
    }

    private static async Task SetAsync(RuntimeApp app, int groupId,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Group>> set)
    {
        await using var db = await app.DbAsync();
        await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(set, Ct);
    }
}
