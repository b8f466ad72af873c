using System.Diagnostics;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using static EtlStudio.Runtime.Tests.PickupTests;

namespace EtlStudio.Runtime.Tests;

/// <summary>Run now on the default SQLite storage, which only polls: this process's own enqueue wakes its idle workers
/// (<c>QueueWakeUp</c>, issue #14 pickup latency), another process still finds the job by its poll. The poll is set to
/// 30 s, so a run that waited for it would miss the first test's deadline; how fast the pickup is, is a figure of the
/// <c>e2e --storage sqlite</c> benchmark. Checked with <c>JobStorageFactory</c> back on the plain <c>SQLiteStorage</c>:
/// the first test fails (the run starts at the next poll).</summary>
public sealed class SqlitePickupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_now_on_an_idle_instance_starts_long_before_the_next_queue_poll_and_stopping_still_ends_the_wait()
    {
        var app = await RuntimeApp.CreateAsync(SlowPoll);
        await using (app)
        {
            await RunNowStartsLongBeforeThePollAsync(app);
            await IdleAsync();
        }

        // Workers are back in their 30 s wait: a wake-up that swallowed the server's own cancellation would hold the stop.
        var stopping = Stopwatch.StartNew();
        await app.DisposeAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(SlowPollSeconds / 3), $"stopped in {stopping.Elapsed}");
    }

    [Fact]
    public async Task A_run_pressed_on_an_instance_without_a_job_server_is_taken_by_the_other_instance_at_its_poll()
    {
        var root = Directory.CreateTempSubdirectory("etl-runtime.").FullName;
        try
        {
            // One content root: one configuration database and one Hangfire file, as two processes of one installation.
            await using var pressing = await RuntimeApp.CreateAsync(SlowPoll, start: false, root: root);
            await using var other = await RuntimeApp.CreateAsync(new Dictionary<string, string?> { ["Hangfire:QueuePollSeconds"] = "1" }, root: root);
            var group = await TestData.GroupAsync(pressing);
            var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(pressing, group, "SELECT id, name FROM events");
            await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, 'b')");

            var run = await other.WaitForEndAsync(await pressing.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct), seconds: SlowPollSeconds / 3);

            Assert.Equal(RunStatus.Succeeded, run.Status);
            Assert.Equal(other.Get<ExecutorIdentity>().Name, run.Executor);
            Assert.Equal([(1L, "a"), (2L, "b")], await Sqlite.RowsAsync(destination));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
