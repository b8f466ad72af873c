using System.Text.Json.Serialization;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Triggers;

namespace EtlStudio.Web.Api;

/// <summary>A Kafka trigger to create or replace. Omitted: batches of 1000 messages or 1000 ms, enabled, no dead-letter topic,
/// up to 4 partitions loaded in parallel per instance.</summary>
internal sealed record TriggerInput([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ConnectionId, string? Topic, string? ConsumerGroup,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FlowId, int? BatchSize, int? BatchWindowMs,
    string? DeadLetterTopic, bool? Enabled, int? MaxParallelPartitions = null)
{
    public KafkaTriggerForm ToForm(int id) => new()
    {
        Id = id,
        ConnectionId = ConnectionId,
        Topic = Topic ?? "",
        ConsumerGroup = ConsumerGroup ?? "",
        FlowId = FlowId,
        BatchSize = BatchSize ?? 1000,
        BatchWindowMs = BatchWindowMs ?? 1000,
        DeadLetterTopic = DeadLetterTopic,
        Enabled = Enabled ?? true,
        MaxParallelPartitions = MaxParallelPartitions ?? PartitionParallelism.Default,
    };

    /// <summary>The input that recreates <paramref name="trigger"/> (export), without its ids.</summary>
    public static TriggerInput From(KafkaTrigger trigger) =>
        new(null, trigger.Topic, trigger.ConsumerGroup, null, trigger.BatchSize, trigger.BatchWindowMs, trigger.DeadLetterTopic, trigger.Enabled, trigger.MaxParallelPartitions);
}
