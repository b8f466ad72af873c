using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Api;

/// <summary>A Kafka trigger as the API returns it.</summary>
internal sealed record TriggerDto(int Id, int ConnectionId, string Topic, string ConsumerGroup, int FlowId, int BatchSize, int BatchWindowMs,
    string? DeadLetterTopic, bool Enabled, DateTime CreatedUtc, DateTime UpdatedUtc, int MaxParallelPartitions)
{
    public static TriggerDto From(KafkaTrigger t) =>
        new(t.Id, t.ConnectionId, t.Topic, t.ConsumerGroup, t.FlowId, t.BatchSize, t.BatchWindowMs, t.DeadLetterTopic, t.Enabled, t.CreatedUtc, t.UpdatedUtc, t.MaxParallelPartitions);
}
