using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

public sealed class AbandonedRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_left_Running_by_a_killed_process_is_marked_Abandoned_at_start_up_and_a_live_one_is_not()
    {
        var root = Directory.CreateTempSubdirectory("etl-runtime.").FullName;
        Guid killed, live;
        await using (var before = await RuntimeApp.CreateAsync(start: false, root: root))
        {
            var group = await TestData.GroupAsync(before);
            var (flow, _, _) = await TestData.SqliteCopyFlowAsync(before, group, "SELECT id, name FROM events");
            var (other, _, _) = await TestData.SqliteCopyFlowAsync(before, group, "SELECT id, name FROM events");
            killed = await InsertRunningAsync(before, flow, heartbeatAgo: TimeSpan.FromMinutes(10));
            live = await InsertRunningAsync(before, other, heartbeatAgo: TimeSpan.Zero);
        }

        // A new process on the same database: its start-up pass sweeps.
        await using var after = await RuntimeApp.CreateAsync(root: root);
        var abandoned = await after.RunAsync(killed);

        Assert.Equal(RunStatus.Abandoned, abandoned.Status);
        Assert.StartsWith("abandoned: no heartbeat since", abandoned.Note, StringComparison.Ordinal);
        Assert.NotNull(abandoned.EndedUtc);
        Assert.Equal(RunStatus.Running, (await after.RunAsync(live)).Status);
        await after.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task The_sweeper_job_is_registered_to_run_every_minute()
    {
        await using var app = await RuntimeApp.CreateAsync();

        using var connection = app.Get<Hangfire.JobStorage>().GetConnection();
        var jobs = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);

        Assert.Equal("* * * * *", Assert.Single(jobs, j => j.Id == AbandonedRunSweeper.RecurringJobId).Cron);
        Assert.Single(jobs, j => j.Id == RetentionJob.RecurringJobId);
    }

    [Fact]
    public async Task A_run_whose_heartbeat_stops_while_running_becomes_Abandoned_through_the_sweeper()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var runId = await InsertRunningAsync(app, flow, heartbeatAgo: TimeSpan.FromSeconds(6));

        await app.Get<AbandonedRunSweeper>().SweepAsync(Ct);

        Assert.Equal(RunStatus.Abandoned, (await app.RunAsync(runId)).Status);
    }

    [Fact]
    public async Task A_queued_run_whose_job_is_gone_is_abandoned_so_run_now_queues_a_new_one_while_a_waiting_job_is_left_alone()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app);
        var (lost, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var (waiting, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var launcher = app.Get<IRunLauncher>();
        var lostRun = await launcher.RunFlowAsync(lost.Id, RunTrigger.Manual, Ct);
        var waitingRun = await launcher.RunFlowAsync(waiting.Id, RunTrigger.Manual, Ct);
        await using (var db = await app.DbAsync())
        {
            // Both queued long ago; the first one's Hangfire job has disappeared (storage reset, job deleted).
            await db.Runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.QueuedUtc, DateTime.UtcNow.AddMinutes(-30)), Ct);
            await db.Runs.Where(r => r.Id == lostRun).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, "404404"), Ct);
        }

        await app.Get<AbandonedRunSweeper>().SweepAsync(Ct);

        var abandoned = await app.RunAsync(lostRun);
        Assert.Equal((RunStatus.Abandoned, "abandoned: never executed (Hangfire job 404404 no longer exists)"), (abandoned.Status, abandoned.Note));
        Assert.Equal(RunStatus.Queued, (await app.RunAsync(waitingRun)).Status);
        Assert.NotEqual(lostRun, await launcher.RunFlowAsync(lost.Id, RunTrigger.Manual, Ct));
    }

    internal static async Task<Guid> InsertRunningAsync(RuntimeApp app, Flow flow, TimeSpan heartbeatAgo, string? executor = null, long rowsWritten = 0)
    {
        await using var db = await app.DbAsync();
        var now = DateTime.UtcNow;
        var run = new FlowRun
        {
            Id = Guid.CreateVersion7(),
            FlowId = flow.Id,
            FlowName = flow.Name,
            GroupId = flow.GroupId,
            Trigger = RunTrigger.Schedule,
            Status = RunStatus.Running,
            QueuedUtc = now - heartbeatAgo - TimeSpan.FromSeconds(1),
            StartedUtc = now - heartbeatAgo,
            HeartbeatUtc = now - heartbeatAgo,
            Executor = executor,
            RowsWritten = rowsWritten,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
