using System.Text;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Triggers;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Kafka → engine → PostgreSQL upsert, over the mock cluster and a real PostgreSQL.</summary>
public sealed class PostgresLoadTests(KafkaMockCluster kafka, PostgresServer postgres)
{
    private static readonly DateTime Placed = new(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task N_produced_messages_become_N_rows()
    {
        var ct = TestContext.Current.CancellationToken;
        var (topic, table) = await ArrangeAsync(partitions: 3);
        await kafka.ProduceAsync(topic, Enumerable.Range(1, 500).Select(i => ((string?)$"{i}", OrdersTable.Message(i, i * 1.25m))), ct);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic, batchSize: 120);
        using var runner = new EngineBatchRunner(_ => table.Flow());

        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 3).Sum() == 500, "offsets of all 500 messages committed");
        await host.StopAsync();

        var rows = await table.ReadAsync(ct);
        Assert.Equal(500, rows.Count);
        Assert.All(Enumerable.Range(1, 500), i => Assert.Equal(($"customer-{i % 997}", i * 1.25m, Placed.AddMinutes(i % 60)), rows[i]));
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_dead_letter_topic_with_its_headers_and_the_other_rows_load()
    {
        var ct = TestContext.Current.CancellationToken;
        var (topic, table) = await ArrangeAsync(partitions: 1);
        var dlq = topic + ".dlq";
        kafka.CreateTopic(dlq);
        var messages = Enumerable.Range(1, 20).Select(i => ((string?)$"{i}", i switch
        {
            7 => "{\"id\":7,\"customer\":\"broken",
            12 => OrdersTable.Message(12, 1m).Replace("\"amount\":1", "\"amount\":\"12,x\"", StringComparison.Ordinal),
            _ => OrdersTable.Message(i, i),
        })).ToList();
        await kafka.ProduceAsync(topic, messages, ct);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic, deadLetterTopic: dlq, batchSize: 50);
        using var runner = new EngineBatchRunner(_ => table.Flow());

        await host.StartAsync(runner);
        var letters = kafka.ReadFromStart(dlq, 2, TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1)[0] == 20, "offsets past the batch");
        await host.StopAsync();

        Assert.Equal(["7", "12"], letters.Select(l => l.Message.Key));
        Assert.Equal([messages[6].Item2, messages[11].Item2], letters.Select(l => l.Message.Value));
        Assert.All(letters, l => Assert.Equal(topic, Header(l, DeadLetterWriter.OriginalTopic)));
        Assert.Equal(["6", "11"], letters.Select(l => Header(l, DeadLetterWriter.OriginalOffset)));
        Assert.All(letters, l => Assert.Equal("0", Header(l, DeadLetterWriter.OriginalPartition)));
        Assert.StartsWith("record 1, value '{\"id\":7,\"customer\":\"broken': invalid JSON", Header(letters[0], DeadLetterWriter.Error), StringComparison.Ordinal);
        Assert.Contains("column 'amount'", Header(letters[1], DeadLetterWriter.Error), StringComparison.Ordinal);
        Assert.Contains("12,x", Header(letters[1], DeadLetterWriter.Error), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 20).Where(i => i is not 7 and not 12).Select(i => (long)i), (await table.ReadAsync(ct)).Keys.Order());
    }

    [Fact]
    public async Task A_consumer_stopped_after_its_load_but_before_storing_offsets_replays_the_batch_without_losing_or_doubling_a_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var (topic, table) = await ArrangeAsync(partitions: 2);
        // Orders 1..40, then new amounts for 1..20: the replay must end with the later amounts.
        var messages = Enumerable.Range(1, 40).Select(i => ((string?)$"{i}", OrdersTable.Message(i, i)))
            .Concat(Enumerable.Range(1, 20).Select(i => ((string?)$"{i}", OrdersTable.Message(i, 1000 + i)))).ToList();
        await kafka.ProduceAsync(topic, messages, ct);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic, batchSize: 1000, batchWindowMs: 1000);
        using var engine = new EngineBatchRunner(_ => table.Flow());
        var held = new HeldAfterLoad(engine);

        await host.StartAsync(held);
        await held.Loaded.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var rowsBeforeStop = await table.CountAsync(ct);
        await host.StopAsync();
        var committedAfterStop = kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 2);
        await host.StartAsync(engine);
        await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 2).Sum() == 60, "all 60 messages committed after the restart");
        await host.StopAsync();

        Assert.True(rowsBeforeStop > 0);
        Assert.Equal([-1001L, -1001L], committedAfterStop);
        var rows = await table.ReadAsync(ct);
        Assert.Equal(40, rows.Count);
        Assert.All(Enumerable.Range(1, 40), i => Assert.Equal(i <= 20 ? 1000 + i : i, rows[i].Amount));
    }

    private async Task<(string Topic, OrdersTable Table)> ArrangeAsync(int partitions)
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic, partitions);
        var table = new OrdersTable(await postgres.CreateDatabaseAsync("kafka"));
        await table.CreateAsync(TestContext.Current.CancellationToken);
        return (topic, table);
    }

    private static string Header(Confluent.Kafka.ConsumeResult<string?, string> result, string key) =>
        Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(key));

    /// <summary>Loads the first batch for real, then never returns (until cancelled): a process that dies between
    /// the commit of the load and the storing of the offsets.</summary>
    private sealed class HeldAfterLoad(IMessageBatchRunner inner) : IMessageBatchRunner
    {
        public TaskCompletionSource Loaded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
        {
            var result = await inner.RunAsync(trigger, messages, cancellationToken);
            Loaded.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return result;
        }
    }
}
