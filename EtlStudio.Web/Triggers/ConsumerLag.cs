using System.Collections.Concurrent;
using System.Text.Json;

namespace EtlStudio.Web.Triggers;

/// <summary>The last consumer lag seen per consumer group, topic and partition, read from librdkafka's statistics
/// (every <c>statistics.interval.ms</c>); the <c>etl.kafka.consumer_lag</c> gauge observes it.</summary>
public sealed class ConsumerLag
{
    private readonly ConcurrentDictionary<(string Group, string Topic, int Partition), long> _lag = new();

    /// <summary>Takes each assigned partition's <c>consumer_lag</c> (high watermark minus the consumer's position or
    /// committed offset) from one statistics document; partitions whose lag librdkafka does not know yet (-1) are skipped.</summary>
    public void Observe(string consumerGroup, string statisticsJson)
    {
        using var document = JsonDocument.Parse(statisticsJson);
        if (!document.RootElement.TryGetProperty("topics", out var topics)) return;
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions)) continue;
            foreach (var partition in partitions.EnumerateObject())
            {
                if (!int.TryParse(partition.Name, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 0) continue;
                if (!partition.Value.TryGetProperty("consumer_lag", out var lag) || !lag.TryGetInt64(out var value) || value < 0) continue;
                Set(consumerGroup, topic.Name, id, value);
            }
        }
    }

    /// <summary>Sets one partition's lag.</summary>
    public void Set(string consumerGroup, string topic, int partition, long lag) => _lag[(consumerGroup, topic, partition)] = lag;

    /// <summary>Drops a stopped consumer's partitions, so the gauge does not report a lag nobody is reducing any more.</summary>
    public void Forget(string consumerGroup, string topic)
    {
        foreach (var key in _lag.Keys.Where(k => k.Group == consumerGroup && k.Topic == topic)) _lag.TryRemove(key, out _);
    }

    /// <summary>The lags as last seen.</summary>
    public IReadOnlyList<KeyValuePair<(string Group, string Topic, int Partition), long>> Snapshot() => [.. _lag];
}
