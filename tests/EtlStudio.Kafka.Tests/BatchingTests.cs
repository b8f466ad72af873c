using System.Text;
using EtlStudio.Testing;
using EtlStudio.Web.Triggers;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Consumer mechanics over the mock cluster: batches, dead letters, offsets. The runner is scripted here;
/// <see cref="PostgresLoadTests"/> runs the same paths through the engine into PostgreSQL.</summary>
public sealed class BatchingTests(KafkaMockCluster kafka)
{
    [Fact]
    public async Task Every_message_reaches_the_runner_once_in_batches_no_larger_than_the_batch_size()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic, partitions: 3);
        var values = Enumerable.Range(1, 250).Select(i => $$"""{"id":{{i}}}""").ToList();
        await kafka.ProduceAsync(topic, values.Select(v => ((string?)null, v)), TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic, batchSize: 40);
        var runner = new ScriptedRunner();

        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count >= 250, "250 messages loaded");
        await host.StopAsync();

        Assert.Equal(250, runner.DoneMessages.Count);
        Assert.Equal(values.Order(), runner.DoneMessages.Select(m => Encoding.UTF8.GetString(m.Value)).Order());
        Assert.All(runner.Attempts, batch => Assert.InRange(batch.Count, 1, 40));
        var perPartition = runner.DoneMessages.GroupBy(m => m.Partition).ToDictionary(g => g.Key, g => (long)g.Count());
        // The producer's sticky partitioner may leave a partition empty: nothing is consumed there, so no offset is
        // committed for it (librdkafka reports Offset.Unset, -1001).
        Assert.Equal([.. Enumerable.Range(0, 3).Select(p => perPartition.TryGetValue(p, out var n) ? n : Confluent.Kafka.Offset.Unset.Value)],
            kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 3));
    }

    [Fact]
    public async Task A_rejected_message_goes_to_the_dead_letter_topic_with_its_origin_and_error_and_the_rest_is_stored()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        var dlq = topic + ".dlq";
        kafka.CreateTopic(topic);
        kafka.CreateTopic(dlq);
        var values = Enumerable.Range(0, 10).Select(i => i == 4 ? "{not json" : $$"""{"id":{{i}}}""").ToList();
        await kafka.ProduceAsync(topic, values.Select((v, i) => ((string?)$"k{i}", v)), TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic, deadLetterTopic: dlq);
        var runner = new ScriptedRunner();

        await host.StartAsync(runner);
        var letters = kafka.ReadFromStart(dlq, 1, TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1)[0] == 10, "offsets committed past the batch");
        await host.StopAsync();

        var letter = Assert.Single(letters);
        Assert.Equal("k4", letter.Message.Key);
        Assert.Equal("{not json", letter.Message.Value);
        Assert.Equal(topic, Header(letter, DeadLetterWriter.OriginalTopic));
        Assert.Equal("0", Header(letter, DeadLetterWriter.OriginalPartition));
        Assert.Equal("4", Header(letter, DeadLetterWriter.OriginalOffset));
        Assert.Equal("record 1, value '{not json': not JSON", Header(letter, DeadLetterWriter.Error));
        Assert.Equal(10, runner.DoneMessages.Count);
    }

    [Fact]
    public async Task Without_a_dead_letter_topic_rejects_stay_with_the_run_and_the_offsets_move_on()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic);
        await kafka.ProduceAsync(topic, [(null, "{\"id\":1}"), (null, "oops"), (null, "{\"id\":3}")], TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic);
        var runner = new ScriptedRunner();

        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 3, "3 messages run");
        await host.StopAsync();

        Assert.Equal([3L], kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1));
    }

    private static string Header(Confluent.Kafka.ConsumeResult<string?, string> result, string key) =>
        Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(key));
}
