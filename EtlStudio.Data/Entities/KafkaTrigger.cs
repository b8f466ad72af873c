namespace EtlStudio.Data.Entities;

/// <summary>Runs a flow for micro-batches of messages from a Kafka topic.</summary>
public class KafkaTrigger
{
    public int Id { get; set; }
    public int ConnectionId { get; set; }
    public Connection? Connection { get; set; }
    public required string Topic { get; set; }
    public required string ConsumerGroup { get; set; }
    public int FlowId { get; set; }
    public Flow? Flow { get; set; }
    public int BatchSize { get; set; } = 1000;
    public int BatchWindowMs { get; set; } = 1000;
    /// <summary>Topic for messages that cannot be parsed or mapped; null keeps them as the run's rejects.</summary>
    public string? DeadLetterTopic { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>How many batches of different partitions one instance loads at once (consumers it runs for the trigger);
    /// 1 loads one batch at a time. TruncateReplace flows always load one batch at a time, across instances too.</summary>
    public int MaxParallelPartitions { get; set; } = 4;
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
