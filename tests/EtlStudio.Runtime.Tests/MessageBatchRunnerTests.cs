using System.Text;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Triggers;

namespace EtlStudio.Runtime.Tests;

public sealed class MessageBatchRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_is_one_Kafka_run_that_loads_the_good_messages_and_returns_the_bad_ones()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app);
        var kafka = await TestData.ConnectionAsync(app, new KafkaSettings("127.0.0.1:9092"));
        var destination = Path.Combine(app.Root, "kafka-dst.db");
        await Sqlite.ExecAsync(destination, "CREATE TABLE target (id INTEGER, name TEXT)");
        var flow = await TestData.FlowAsync(app, group, kafka, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
        {
            f.ParseFormat = ParseFormat.Json;
            f.SourceTopic = "orders";
        });
        var trigger = new KafkaTrigger { Topic = "orders", ConsumerGroup = "etl", FlowId = flow.Id, ConnectionId = kafka.Id };
        SourceMessage Message(long offset, string json) => new("orders", 0, offset, null, Encoding.UTF8.GetBytes(json));

        var result = await app.Get<IMessageBatchRunner>().RunAsync(trigger,
            [Message(10, """{"id": 1, "name": "a"}"""), Message(11, """{"id": "not a number", "name": "b"}"""), Message(12, """{"id": 3, "name": "c"}""")], Ct);
        var run = await app.RunAsync(result.RunId);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((RunTrigger.Kafka, "kafka:orders", RunStatus.Succeeded), (run.Trigger, run.TriggeredBy, run.Status));
        Assert.Equal((3L, 2L, 1L), (run.RowsRead, run.RowsWritten, run.RowsRejected));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("orders[0]@11", rejected.Origin);
        Assert.Equal([(1L, "a"), (3L, "c")], await Sqlite.RowsAsync(destination));
    }

    [Fact]
    public async Task Run_now_of_a_Kafka_flow_fails_saying_it_runs_from_its_trigger()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var kafka = await TestData.ConnectionAsync(app, new KafkaSettings("127.0.0.1:9092"));
        var flow = await TestData.FlowAsync(app, group, kafka, Path.Combine(app.Root, "k.db"), "t", [("id", ColumnType.Long)], f => f.ParseFormat = ParseFormat.Json);

        var run = await app.WaitForEndAsync(await app.Get<EtlStudio.Web.Runs.IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("reads from Kafka", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_whose_load_fails_is_not_succeeded_so_offsets_are_not_stored()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app);
        var kafka = await TestData.ConnectionAsync(app, new KafkaSettings("127.0.0.1:9092"));
        var flow = await TestData.FlowAsync(app, group, kafka, Path.Combine(app.Root, "none.db"), "missing", [("id", ColumnType.Long)], f => f.ParseFormat = ParseFormat.Json);
        var trigger = new KafkaTrigger { Topic = "orders", ConsumerGroup = "etl", FlowId = flow.Id, ConnectionId = kafka.Id };

        var result = await app.Get<IMessageBatchRunner>().RunAsync(trigger, [new SourceMessage("orders", 0, 1, null, """{"id": 1}"""u8.ToArray())], Ct);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
        Assert.Equal(RunStatus.Failed, (await app.RunAsync(result.RunId)).Status);
    }
}
