using System.Diagnostics;
using Confluent.Kafka;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Triggers;

/// <summary>The messages consumed since the last batch was processed, in consume order.</summary>
internal sealed class PendingBatch
{
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _results = [];
    private long _startedAt;

    public int Count => _results.Count;

    /// <summary>Time since the first message of the batch arrived.</summary>
    public TimeSpan Age => _results.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startedAt);

    public void Add(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_results.Count == 0) _startedAt = Stopwatch.GetTimestamp();
        _results.Add(result);
    }

    /// <summary>Forgets the messages of partitions this consumer no longer owns; their next owner reads them again
    /// from the last committed offset. Returns how many were dropped.</summary>
    public int Drop(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.ToHashSet();
        return _results.RemoveAll(r => gone.Contains(r.TopicPartition));
    }

    public void Clear() => _results.Clear();

    public List<SourceMessage> ToMessages()
    {
        var messages = new List<SourceMessage>(_results.Count);
        foreach (var r in _results)
        {
            var headers = r.Message.Headers is { Count: > 0 } h ? h.Select(x => KeyValuePair.Create(x.Key, x.GetValueBytes())).ToList() : null;
            var timestamp = r.Message.Timestamp.Type == TimestampType.NotAvailable ? (DateTimeOffset?)null : new DateTimeOffset(r.Message.Timestamp.UtcDateTime);
            messages.Add(new SourceMessage(r.Topic, r.Partition.Value, r.Offset.Value, r.Message.Key, r.Message.Value ?? [], headers, timestamp));
        }
        return messages;
    }

    /// <summary>The first message of each partition: where a failed batch is read again.</summary>
    public IEnumerable<TopicPartitionOffset> Starts() =>
        _results.GroupBy(r => r.TopicPartition).Select(g => g.First().TopicPartitionOffset);

    /// <summary>The last message of each partition: once the batch is done, its offset + 1 is stored.</summary>
    public IEnumerable<ConsumeResult<byte[]?, byte[]?>> Ends() =>
        _results.GroupBy(r => r.TopicPartition).Select(g => g.Last());
}
