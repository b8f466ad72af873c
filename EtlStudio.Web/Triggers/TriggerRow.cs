namespace EtlStudio.Web.Triggers;

/// <summary>A trigger as the Triggers page lists it. <paramref name="Consumers"/>: batches of different partitions this
/// trigger loads at once on each instance (1 for a TruncateReplace flow, whatever the setting).</summary>
internal sealed record TriggerRow(int Id, string Topic, string ConsumerGroup, int FlowId, string FlowName, string GroupName, string ConnectionName,
    int BatchSize, int BatchWindowMs, string? DeadLetterTopic, bool Enabled, bool FlowEnabled, int Consumers);
