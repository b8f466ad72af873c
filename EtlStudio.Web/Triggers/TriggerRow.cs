namespace EtlStudio.Web.Triggers;

/// <summary>A trigger as the Triggers page lists it.</summary>
internal sealed record TriggerRow(int Id, string Topic, string ConsumerGroup, int FlowId, string FlowName, string GroupName, string ConnectionName,
    int BatchSize, int BatchWindowMs, string? DeadLetterTopic, bool Enabled, bool FlowEnabled);
