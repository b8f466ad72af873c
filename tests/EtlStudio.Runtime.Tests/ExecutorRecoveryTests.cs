using System.Diagnostics;
using EtlStudio.Data.Entities;
using EtlStudio.Testing;
using EtlStudio.Web.Runs;
using Hangfire;

namespace EtlStudio.Runtime.Tests;

/// <summary>Runs whose process (executor) is gone are abandoned at once, not after the heartbeat timeout. Two app
/// instances in this one test process share a PostgreSQL database: same machine, same pid, different executors.</summary>
public sealed class ExecutorRecoveryTests(PostgresServer postgres)
{
    // The heartbeat backstop stays out of the way: anything abandoned here is abandoned for its executor.
    private static readonly Dictionary<string, string?> Settings = new() { ["Runtime:AbandonAfterSeconds"] = "120" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_of_a_dead_executor_is_abandoned_at_start_up_within_seconds_while_a_live_instances_run_is_not()
    {
        var database = await postgres.CreateDatabaseAsync("exec");
        await using var source = TestHttpServer.Hanging();
        await using var live = await RuntimeApp.CreateAsync(Settings, postgres: database);
        var liveRun = await RunNowTests.StartHangingRunAsync(live, source);
        var group = await TestData.GroupAsync(live);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(live, group, "SELECT id, name FROM events");
        // What a kill -9 leaves: Running, a fresh heartbeat, the rows of the last heartbeat, an executor whose pid is gone.
        var deadExecutor = $"{Environment.MachineName}:{await DeadPidAsync()}:{Guid.NewGuid():N}";
        var killed = await AbandonedRunTests.InsertRunningAsync(live, flow, TimeSpan.FromSeconds(1), deadExecutor, rowsWritten: 1200);

        var clock = Stopwatch.StartNew();
        await using var restarted = await RuntimeApp.CreateAsync(Settings, postgres: database);
        var abandoned = await restarted.RunAsync(killed);
        clock.Stop();

        Assert.Equal(RunStatus.Abandoned, abandoned.Status);
        Assert.Equal($"abandoned: its process ({deadExecutor}) stopped; 1200 rows were committed before the process stopped", abandoned.Note);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"abandoned after {clock.Elapsed}");
        var stillLive = await restarted.RunAsync(liveRun);
        Assert.Equal(RunStatus.Running, stillLive.Status);
        Assert.Equal(live.Get<ExecutorIdentity>().Name, stillLive.Executor);
        Assert.NotEqual(live.Get<ExecutorIdentity>().Name, restarted.Get<ExecutorIdentity>().Name);
    }

    [Fact]
    public async Task A_run_whose_Hangfire_server_vanished_is_abandoned_by_the_sweep_without_waiting_for_the_heartbeat_timeout()
    {
        var database = await postgres.CreateDatabaseAsync("gone");
        await using var sweeping = await RuntimeApp.CreateAsync(Settings, postgres: database);
        var other = await RuntimeApp.CreateAsync(Settings, postgres: database);
        var otherExecutor = other.Get<ExecutorIdentity>().Name;
        await WaitForServerAsync(sweeping, otherExecutor, present: true);
        var group = await TestData.GroupAsync(sweeping);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(sweeping, group, "SELECT id, name FROM events");
        var sweeper = sweeping.Get<AbandonedRunSweeper>();
        var ofOther = await AbandonedRunTests.InsertRunningAsync(sweeping, flow, TimeSpan.FromSeconds(5), otherExecutor, rowsWritten: 30);
        var lostHost = $"gone-host:4242:{Guid.NewGuid():N}";
        var ofLostHost = await AbandonedRunTests.InsertRunningAsync(sweeping, flow, TimeSpan.FromSeconds(5), lostHost);
        // Beat within the last three heartbeats: a server that has not announced itself yet must not lose it.
        var beating = await AbandonedRunTests.InsertRunningAsync(sweeping, flow, TimeSpan.Zero, lostHost);

        await sweeper.SweepAsync(Ct);
        var whileServed = await sweeping.RunAsync(ofOther);
        await other.DisposeAsync();
        await WaitForServerAsync(sweeping, otherExecutor, present: false);
        await sweeper.SweepAsync(Ct);

        Assert.Equal(RunStatus.Running, whileServed.Status);
        var abandoned = await sweeping.RunAsync(ofOther);
        Assert.Equal((RunStatus.Abandoned, $"abandoned: its process ({otherExecutor}) stopped; 30 rows were committed before the process stopped"),
            (abandoned.Status, abandoned.Note));
        var lost = await sweeping.RunAsync(ofLostHost);
        Assert.Equal((RunStatus.Abandoned, $"abandoned: its process ({lostHost}) stopped"), (lost.Status, lost.Note));
        Assert.Equal(RunStatus.Running, (await sweeping.RunAsync(beating)).Status);
    }

    private static async Task<int> DeadPidAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync(Ct);
        return process.Id;
    }

    private static async Task WaitForServerAsync(RuntimeApp app, string executor, bool present)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (app.Get<JobStorage>().GetMonitoringApi().Servers().Any(s => ExecutorIdentity.IsServerOf(executor, s.Name)) != present)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The Hangfire server of {executor} is {(present ? "not" : "still")} listed after 20 s.");
            await Task.Delay(100, Ct);
        }
    }
}
