using System.Text;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Triggers;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EtlStudio.Runtime.Tests;

/// <summary>A run whose flow is busy waits, Queued, until the flow is free: nobody cancelled it.</summary>
public sealed class FlowWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_waiting_run_now_is_not_cancelled_and_runs_after_the_holder_finishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = GatedServer(gate);
        // The wait gives its worker back after 1 s and looks again every second.
        await using var app = await RuntimeApp.CreateAsync(new Dictionary<string, string?>
        {
            ["Runtime:FlowLockWaitSeconds"] = "1",
            ["Runtime:FlowBusyRecheckSeconds"] = "1",
        });
        var (flow, destination) = await HttpFlowAsync(app, server);
        var launcher = app.Get<IRunLauncher>();
        var holder = await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        await app.WaitForRunAsync(holder, r => r.Status == RunStatus.Running);

        using var signedInDave = SignedIn.As("dave");

        var waiter = await launcher.RunFlowAsync(flow.Id, RunTrigger.Api, Ct);
        var firstJob = (await app.RunAsync(waiter)).JobId;
        var statuses = new HashSet<RunStatus>();
        var rescheduled = await app.WaitForRunAsync(waiter, r =>
        {
            statuses.Add(r.Status);
            return r.JobId != firstJob && DateTime.UtcNow > r.QueuedUtc.AddSeconds(4);
        });
        gate.SetResult();
        var first = await app.WaitForEndAsync(holder);
        var second = await app.WaitForEndAsync(waiter);

        Assert.Equal([RunStatus.Queued], statuses);
        Assert.StartsWith($"waiting: flow {flow.Name} already running (run {holder})", rescheduled.Note, StringComparison.Ordinal);
        Assert.Equal((RunStatus.Succeeded, RunStatus.Succeeded), (first.Status, second.Status));
        Assert.True(second.StartedUtc >= first.EndedUtc, $"the waiting run started at {second.StartedUtc:O}, before the holder ended at {first.EndedUtc:O}");
        Assert.Equal([(1L, "a"), (1L, "a")], await Sqlite.RowsAsync(destination));
        await using var db = await app.DbAsync();
        Assert.Equal(2, await db.Runs.CountAsync(r => r.FlowId == flow.Id, Ct));
    }

    [Fact]
    public async Task A_run_that_gave_its_worker_back_starts_as_soon_as_the_holder_ends_not_at_its_next_look()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = GatedServer(gate);
        await using var app = await RuntimeApp.CreateAsync(new Dictionary<string, string?>
        {
            ["Runtime:FlowLockWaitSeconds"] = "1",
            ["Runtime:FlowBusyRecheckSeconds"] = "600",
        });
        var (flow, _) = await HttpFlowAsync(app, server);
        var launcher = app.Get<IRunLauncher>();
        var holder = await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        await app.WaitForRunAsync(holder, r => r.Status == RunStatus.Running);
        var waiter = await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        var firstJob = (await app.RunAsync(waiter)).JobId;
        var deferred = await app.WaitForRunAsync(waiter, r => r.JobId != firstJob);
        using (var connection = app.Get<JobStorage>().GetConnection())
        {
            Assert.Equal("Scheduled", connection.GetJobData(deferred.JobId!)?.State);
        }

        gate.SetResult();
        var second = await app.WaitForEndAsync(waiter, seconds: 20);

        Assert.Equal(RunStatus.Succeeded, second.Status);
    }

    [Fact]
    public async Task A_Kafka_batch_for_a_busy_TruncateReplace_flow_is_not_recorded_as_Cancelled_and_loads_once_the_flow_is_free()
    {
        await using var app = await RuntimeApp.CreateAsync(new Dictionary<string, string?> { ["Runtime:FlowLockWaitSeconds"] = "1" }, start: false);
        var group = await TestData.GroupAsync(app);
        var kafka = await TestData.ConnectionAsync(app, new KafkaSettings("127.0.0.1:9092"));
        var destination = Path.Combine(app.Root, "kafka-wait.db");
        await Sqlite.ExecAsync(destination, "CREATE TABLE target (id INTEGER, name TEXT)");
        var flow = await TestData.FlowAsync(app, group, kafka, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
        {
            f.ParseFormat = ParseFormat.Json;
            f.SourceTopic = "orders";
            f.LoadMode = LoadMode.TruncateReplace; // Append and Upsert batches do not take the flow lock (partitions load in parallel)
        });
        var trigger = new KafkaTrigger { Topic = "orders", ConsumerGroup = "etl", FlowId = flow.Id, ConnectionId = kafka.Id };
        SourceMessage[] batch = [new("orders", 0, 7, null, Encoding.UTF8.GetBytes("""{"id": 1, "name": "a"}"""))];
        var runner = app.Get<IMessageBatchRunner>();
        var busy = await FlowLock.TryAcquireAsync(app.Get<JobStorage>(), flow.Id, TimeSpan.Zero, NullLogger.Instance, Ct);
        Assert.NotNull(busy);

        MessageBatchResult notYet;
        await using (busy)
        {
            notYet = await runner.RunAsync(trigger, batch, Ct);
        }
        List<RunStatus> afterWait;
        await using (var db = await app.DbAsync())
        {
            afterWait = await db.Runs.Where(r => r.FlowId == flow.Id).Select(r => r.Status).ToListAsync(Ct);
        }
        var holder = await FlowLock.TryAcquireAsync(app.Get<JobStorage>(), flow.Id, TimeSpan.Zero, NullLogger.Instance, Ct);
        var loading = runner.RunAsync(trigger, batch, Ct);
        await Task.Delay(300, Ct);
        await holder!.DisposeAsync();
        var loaded = await loading;

        Assert.False(notYet.Succeeded);
        Assert.EndsWith("the batch is read again later", notYet.Error?.Message, StringComparison.Ordinal);
        Assert.Empty(afterWait);
        Assert.True(loaded.Succeeded, loaded.Error?.ToString());
        Assert.Equal([(1L, "a")], await Sqlite.RowsAsync(destination));
        await using var check = await app.DbAsync();
        Assert.Equal([RunStatus.Succeeded], await check.Runs.Where(r => r.FlowId == flow.Id).Select(r => r.Status).ToListAsync(Ct));
    }

    /// <summary>Answers one item; the first request only once <paramref name="gate"/> opens.</summary>
    private static TestHttpServer GatedServer(TaskCompletionSource gate)
    {
        var first = 0;
        return new TestHttpServer(async (_, _, ct) =>
        {
            if (Interlocked.Exchange(ref first, 1) == 0) await gate.Task.WaitAsync(ct);
            return (200, """[{"id": 1, "name": "a"}]""");
        });
    }

    private static async Task<(Flow Flow, string Destination)> HttpFlowAsync(RuntimeApp app, TestHttpServer server)
    {
        var group = await TestData.GroupAsync(app);
        var http = await TestData.ConnectionAsync(app, new HttpSettings(server.BaseUrl));
        var destination = Path.Combine(app.Root, $"dst-{Guid.NewGuid():N}.db");
        await Sqlite.ExecAsync(destination, "CREATE TABLE target (id INTEGER, name TEXT)");
        var flow = await TestData.FlowAsync(app, group, http, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
        {
            f.SourcePath = "items";
            f.ParseFormat = ParseFormat.Json;
        });
        return (flow, destination);
    }
}
