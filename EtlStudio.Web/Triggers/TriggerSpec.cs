using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Triggers;

/// <summary>Everything about a trigger that its consumer was built from; a difference means restart the consumer.
/// Compared by value rather than by <c>UpdatedUtc</c> alone, so an edit that forgets the timestamp still applies.</summary>
internal sealed record TriggerSpec(
    string Topic, string ConsumerGroup, int FlowId, int BatchSize, int BatchWindowMs, string? DeadLetterTopic, DateTime UpdatedUtc,
    int ConnectionId, string? Settings, string? Secret, DateTime? ConnectionUpdatedUtc, int Consumers)
{
    public static TriggerSpec Of(KafkaTrigger t) => new(
        t.Topic, t.ConsumerGroup, t.FlowId, t.BatchSize, t.BatchWindowMs, t.DeadLetterTopic, t.UpdatedUtc,
        t.ConnectionId, t.Connection?.Settings, t.Connection?.Secret, t.Connection?.UpdatedUtc, PartitionParallelism.Consumers(t));
}
