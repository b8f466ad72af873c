using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Triggers;

/// <summary>The messages consumed since the last batch was processed, in consume order, as the engine reads them, and
/// each partition's first and last position in the batch.</summary>
/// <remarks>A consume result is turned into its <see cref="SourceMessage"/> as it arrives and then dropped: only the message
/// (key and value bytes, headers) lives until the batch is done, not the client's result, message, headers and position
/// objects around it, which the garbage collector would otherwise copy out of gen 0 with every batch. The consumer
/// subscribes to one topic, so every message's topic is <paramref name="topic"/> (the client does not decode it per
/// message: <c>consume.result.fields</c>).</remarks>
internal sealed class PendingBatch(string topic)
{
    private readonly Dictionary<int, Span> _partitions = [];
    private List<SourceMessage> _messages = [];
    private long _startedAt;

    public int Count => _messages.Count;

    /// <summary>The batch's messages in consume order. The list is the batch's own until <see cref="Clear"/>, which starts
    /// a new one, so a processed batch's list is never changed afterwards.</summary>
    public IReadOnlyList<SourceMessage> Messages => _messages;

    /// <summary>Time since the first message of the batch arrived.</summary>
    public TimeSpan Age => _messages.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startedAt);

    public void Add(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_messages.Count == 0) _startedAt = Stopwatch.GetTimestamp();
        var message = result.Message;
        var headers = message.Headers is { Count: > 0 } h ? h.Select(x => KeyValuePair.Create(x.Key, x.GetValueBytes())).ToList() : null;
        var timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? (DateTimeOffset?)null : new DateTimeOffset(message.Timestamp.UtcDateTime);
        var (partition, offset) = (result.Partition.Value, result.Offset.Value);
        _messages.Add(new SourceMessage(topic, partition, offset, message.Key, message.Value ?? [], headers, timestamp));
        ref var span = ref CollectionsMarshal.GetValueRefOrAddDefault(_partitions, partition, out var seen);
        span = seen ? span with { Last = offset, LastEpoch = result.LeaderEpoch } : new Span(offset, result.LeaderEpoch, offset, result.LeaderEpoch);
    }

    /// <summary>Forgets the messages of partitions this consumer no longer owns; their next owner reads them again
    /// from the last committed offset. Returns how many were dropped.</summary>
    public int Drop(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.Where(p => p.Topic == topic).Select(p => p.Partition.Value).ToHashSet();
        foreach (var partition in gone) _partitions.Remove(partition);
        return _messages.RemoveAll(m => gone.Contains(m.Partition));
    }

    public void Clear()
    {
        _messages = new List<SourceMessage>(_messages.Count);
        _partitions.Clear();
    }

    /// <summary>The first message of each partition: where a failed batch is read again.</summary>
    public IEnumerable<TopicPartitionOffset> Starts() =>
        _partitions.Select(p => new TopicPartitionOffset(topic, p.Key, p.Value.First, p.Value.FirstEpoch));

    /// <summary>The last message of each partition: once the batch is done, its offset + 1 is stored.</summary>
    public IEnumerable<TopicPartitionOffset> Ends() =>
        _partitions.Select(p => new TopicPartitionOffset(topic, p.Key, p.Value.Last, p.Value.LastEpoch));

    /// <summary>A partition's first and last offset in the batch, with the leader epochs the client reported for them.</summary>
    private readonly record struct Span(long First, int? FirstEpoch, long Last, int? LastEpoch);
}
