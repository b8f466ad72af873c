using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;

using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Triggers;

/// <summary>A Kafka trigger as the user edits it (portal or REST API), and its validation.</summary>
internal sealed class KafkaTriggerForm
{
    public int Id { get; set; }
    public int? ConnectionId { get; set; }
    public string Topic { get; set; } = "";
    public string ConsumerGroup { get; set; } = "";
    public int? FlowId { get; set; }
    public int BatchSize { get; set; } = 1000;
    public int BatchWindowMs { get; set; } = 1000;
    public string? DeadLetterTopic { get; set; }
    public bool Enabled { get; set; } = true;
    public int MaxParallelPartitions { get; set; } = PartitionParallelism.Default;

    /// <summary>Upper bounds that keep one batch (one run) a sensible size.</summary>
    public const int MaxBatchSize = 1_000_000;
    public const int MaxBatchWindowMs = 3_600_000;

    public static KafkaTriggerForm From(KafkaTrigger trigger) => new()
    {
        Id = trigger.Id,
        ConnectionId = trigger.ConnectionId,
        Topic = trigger.Topic,
        ConsumerGroup = trigger.ConsumerGroup,
        FlowId = trigger.FlowId,
        BatchSize = trigger.BatchSize,
        BatchWindowMs = trigger.BatchWindowMs,
        DeadLetterTopic = trigger.DeadLetterTopic,
        Enabled = trigger.Enabled,
        MaxParallelPartitions = trigger.MaxParallelPartitions,
    };

    /// <summary>Copies the (validated) form onto the entity, trimmed.</summary>
    public void ApplyTo(KafkaTrigger trigger)
    {
        trigger.ConnectionId = ConnectionId ?? trigger.ConnectionId;
        trigger.Topic = Topic.Trim();
        trigger.ConsumerGroup = ConsumerGroup.Trim();
        trigger.FlowId = FlowId ?? trigger.FlowId;
        trigger.BatchSize = BatchSize;
        trigger.BatchWindowMs = BatchWindowMs;
        trigger.DeadLetterTopic = string.IsNullOrWhiteSpace(DeadLetterTopic) ? null : DeadLetterTopic.Trim();
        trigger.Enabled = Enabled;
        trigger.MaxParallelPartitions = MaxParallelPartitions;
    }

    /// <summary>Every problem, keyed by property name. <paramref name="connection"/> is the chosen connection (null
    /// when there is none with that id); <paramref name="flowExists"/> whether the flow id names a flow.</summary>
    public Dictionary<string, string> Validate(TriggerConnection? connection, bool flowExists)
    {
        var errors = new Dictionary<string, string>();
        if (ConnectionId is null) errors[nameof(ConnectionId)] = "Choose the Kafka connection.";
        else if (connection is null) errors[nameof(ConnectionId)] = $"No connection with id {ConnectionId}.";
        else if (connection.Kind != ConnectionKind.Kafka) errors[nameof(ConnectionId)] = $"A trigger consumes from a Kafka connection; '{connection.Name}' is not one.";
        if (KafkaTopic.Problem(Topic.Trim()) is { } topic) errors[nameof(Topic)] = topic;
        if (string.IsNullOrWhiteSpace(ConsumerGroup)) errors[nameof(ConsumerGroup)] = "Enter the consumer group.";
        else if (ConsumerGroup.Trim().Length > FieldLengths.ConsumerGroup) errors[nameof(ConsumerGroup)] = $"At most {FieldLengths.ConsumerGroup} characters.";
        if (FlowId is null) errors[nameof(FlowId)] = "Choose the flow the messages feed.";
        else if (!flowExists) errors[nameof(FlowId)] = $"No flow with id {FlowId}.";
        if (BatchSize is < 1 or > MaxBatchSize) errors[nameof(BatchSize)] = "Between 1 and 1,000,000 messages.";
        if (BatchWindowMs is < 1 or > MaxBatchWindowMs) errors[nameof(BatchWindowMs)] = "Between 1 and 3,600,000 ms.";
        if (MaxParallelPartitions is < 1 or > PartitionParallelism.Max) errors[nameof(MaxParallelPartitions)] = $"Between 1 and {PartitionParallelism.Max} partitions.";
        if (!string.IsNullOrWhiteSpace(DeadLetterTopic))
        {
            var dead = DeadLetterTopic.Trim();
            if (KafkaTopic.Problem(dead) is { } problem) errors[nameof(DeadLetterTopic)] = problem;
            else if (dead == Topic.Trim()) errors[nameof(DeadLetterTopic)] = "The dead-letter topic must differ from the topic consumed.";
        }
        return errors;
    }
}
