using Confluent.Kafka;
using EtlStudio.Testing;
using EtlStudio.Web.Triggers;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>A trigger's pending batch over messages consumed from the mock cluster with the trigger's own consumer settings.</summary>
public sealed class PendingBatchTests(KafkaMockCluster kafka)
{
    [Fact]
    public async Task Messages_consumed_without_the_topic_field_carry_the_trigger_topic_and_each_partition_keeps_its_first_and_last_offset()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = KafkaMockCluster.UniqueName("pending");
        kafka.CreateTopic(topic, partitions: 2);
        await kafka.ProduceToPartitionAsync(topic, 0, [("a", "{}"), ("b", "{}"), ("c", "{}")], ct);
        await kafka.ProduceToPartitionAsync(topic, 1, [("d", "{}"), ("e", "{}")], ct);
        var settings = new KafkaClientSettings(new ClientConfig { BootstrapServers = kafka.BootstrapServers }, null, "mock");
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(settings.Consumer(KafkaMockCluster.UniqueName("group"), "pending-test")).Build();
        consumer.Subscribe(topic);
        var batch = new PendingBatch(topic);
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (results.Count < 5 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result) continue;
            results.Add(result);
            batch.Add(result);
        }

        Assert.Equal(5, batch.Count);
        // The client leaves the topic out (consume.result.fields); the batch names it.
        Assert.All(results, r => Assert.Null(r.Topic));
        Assert.Equal(
            [$"{topic}[0]@0", $"{topic}[0]@1", $"{topic}[0]@2", $"{topic}[1]@0", $"{topic}[1]@1"],
            batch.Messages.Select(m => m.Origin).Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b", "c", "d", "e"], batch.Messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Key!)).Order(StringComparer.Ordinal));
        var epochs = results.GroupBy(r => r.Partition.Value).ToDictionary(g => g.Key, g => g.Last().LeaderEpoch);
        Assert.Equal([(topic, 0, 0L), (topic, 1, 0L)], batch.Starts().Select(s => (s.Topic, s.Partition.Value, s.Offset.Value)).Order());
        Assert.Equal([(topic, 0, 2L, epochs[0]), (topic, 1, 1L, epochs[1])],
            batch.Ends().Select(e => (e.Topic, e.Partition.Value, e.Offset.Value, e.LeaderEpoch)).OrderBy(e => e.Item2));

        // A revoked partition leaves the batch, its messages and its positions.
        Assert.Equal(2, batch.Drop([new TopicPartition(topic, 1)]));
        Assert.Equal([0, 0, 0], batch.Messages.Select(m => m.Partition));
        Assert.Equal([(topic, 0, 2L)], batch.Ends().Select(e => (e.Topic, e.Partition.Value, e.Offset.Value)));

        // A processed batch's list stays as it was: the next batch starts a list of its own.
        var processed = batch.Messages;
        batch.Clear();
        Assert.Equal(3, processed.Count);
        Assert.Equal(0, batch.Count);
        Assert.Empty(batch.Starts());
        Assert.Empty(batch.Ends());
        consumer.Close();
    }
}
