using EtlStudio.Data.Entities;
using EtlStudio.Testing;
using EtlStudio.Web.Runs;
using Npgsql;

namespace EtlStudio.Runtime.Tests;

/// <summary>Run now on PostgreSQL storage starts on an idle instance without waiting for the queue poll (issue #14,
/// pickup latency). The poll is set to 30 s, so a run that waited for it would miss every deadline here; how fast the
/// pickup is, is a figure of the <c>e2e</c> benchmark, not of these tests. Checked once with <c>EnableLongPolling</c> off:
/// the second test fails (no NOTIFY, the other instance waits for its poll); the first still passes, as the storage also
/// wakes a worker of the process that enqueued.</summary>
public sealed class PickupTests(PostgresServer postgres)
{
    internal const int SlowPollSeconds = 30;
    internal static readonly Dictionary<string, string?> SlowPoll = new() { ["Hangfire:QueuePollSeconds"] = $"{SlowPollSeconds}" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_now_on_an_idle_instance_starts_long_before_the_next_queue_poll()
    {
        await using var app = await RuntimeApp.CreateAsync(SlowPoll, postgres: await postgres.CreateDatabaseAsync("pickup"));
        await RunNowStartsLongBeforeThePollAsync(app);
    }

    /// <summary>Run now of a one-row flow on an idle instance: it succeeds, and started a third of a poll after it was queued at most.</summary>
    internal static async Task RunNowStartsLongBeforeThePollAsync(RuntimeApp app)
    {
        var group = await TestData.GroupAsync(app);
        var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a')");
        await IdleAsync();

        var run = await app.WaitForEndAsync(await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct), seconds: SlowPollSeconds / 3);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.True(run.StartedUtc - run.QueuedUtc < TimeSpan.FromSeconds(SlowPollSeconds / 3), $"queued {run.QueuedUtc:O}, started {run.StartedUtc:O}");
        Assert.Equal([(1L, "a")], await Sqlite.RowsAsync(destination));
    }

    [Fact]
    public async Task Run_now_notifies_every_instance_and_an_idle_other_instance_takes_the_run()
    {
        var database = await postgres.CreateDatabaseAsync("pickup2");
        // The pressing instance runs no job server, so only the other one can take the run.
        await using var pressing = await RuntimeApp.CreateAsync(SlowPoll, postgres: database, start: false);
        await using var other = await RuntimeApp.CreateAsync(SlowPoll, postgres: database);
        var group = await TestData.GroupAsync(pressing);
        var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(pressing, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, 'b')");
        // What a third process sees: the wake-up travels through the database, not through this test process.
        await using var listener = new NpgsqlConnection(database);
        await listener.OpenAsync(Ct);
        var notified = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, e) => notified.TrySetResult(e.Channel);
        await using (var listen = new NpgsqlCommand("LISTEN new_job", listener)) await listen.ExecuteNonQueryAsync(Ct);
        await IdleAsync();

        var runId = await pressing.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        await listener.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var run = await other.WaitForEndAsync(runId, seconds: SlowPollSeconds / 3);

        Assert.Equal("new_job", await notified.Task.WaitAsync(TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(other.Get<ExecutorIdentity>().Name, run.Executor);
        Assert.Equal([(1L, "a"), (2L, "b")], await Sqlite.RowsAsync(destination));
    }

    /// <summary>Long enough for every worker to have fetched nothing and gone to wait for the next poll.</summary>
    internal static Task IdleAsync() => Task.Delay(TimeSpan.FromSeconds(2), Ct);
}
