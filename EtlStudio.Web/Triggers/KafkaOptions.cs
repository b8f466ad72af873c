namespace EtlStudio.Web.Triggers;

/// <summary>Section <c>Kafka</c>: how this instance runs the Kafka triggers.</summary>
public sealed class KafkaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Kafka";

    /// <summary><c>Kafka:Enabled</c>: run trigger consumers on this instance (default true). Every instance may run
    /// them: the consumer group spreads the partitions.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Kafka:TriggerPollSeconds</c>: how often the trigger table is read for added, edited and disabled
    /// triggers (default 5).</summary>
    public int TriggerPollSeconds { get; set; } = 5;

    /// <summary><c>Kafka:RetryInitialMs</c>: wait before retrying a failed batch the first time (default 1000);
    /// doubled at each further failure.</summary>
    public int RetryInitialMs { get; set; } = 1_000;

    /// <summary><c>Kafka:RetryMaxMs</c>: longest wait between retries of a failed batch (default 60000). Must stay
    /// below librdkafka's <c>max.poll.interval.ms</c> (300000) or the consumer leaves its group while waiting.</summary>
    public int RetryMaxMs { get; set; } = 60_000;

    /// <summary><c>Kafka:ClientProperties:&lt;librdkafka property&gt;</c>: extra librdkafka properties for every
    /// client, e.g. <c>ssl.ca.location</c> or <c>fetch.max.bytes</c>. Properties the trigger owns (group, offsets,
    /// credentials) are refused.</summary>
    public Dictionary<string, string> ClientProperties { get; set; } = [];
}
