namespace EtlStudio.Web.Triggers;

/// <summary>What can be wrong with a trigger's consumer.</summary>
public enum KafkaProblem
{
    /// <summary>The trigger table could not be read (reported for trigger 0).</summary>
    TriggerTable,
    /// <summary>The connection's settings cannot make a client.</summary>
    Connection,
    /// <summary>No broker reachable, or authentication failed; librdkafka keeps reconnecting with backoff.</summary>
    Broker,
    /// <summary>Consuming fails (unknown topic, no access).</summary>
    Consume,
    /// <summary>A batch failed to load and is being retried.</summary>
    Batch,
}
