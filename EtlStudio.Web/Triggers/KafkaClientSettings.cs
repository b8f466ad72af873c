using Confluent.Kafka;

namespace EtlStudio.Web.Triggers;

/// <summary>What every client of one Kafka connection shares: the librdkafka properties (secret included, so never
/// log them) and, for Entra ID sign-in, the token source that the client builder hooks up.</summary>
/// <param name="Client">Broker, security and tuning properties.</param>
/// <param name="Token">Entra ID token source for SASL OAUTHBEARER; null for every other mechanism.</param>
/// <param name="Summary">Where it points, for logs and health: servers, protocol, mechanism. No secret.</param>
internal sealed record KafkaClientSettings(ClientConfig Client, EntraIdToken? Token, string Summary)
{
    /// <summary>A consumer of a trigger: offsets are stored by the trigger loop only after a batch's load committed
    /// (<c>enable.auto.offset.store=false</c>) and committed in the background by librdkafka
    /// (<c>enable.auto.commit=true</c>), which also commits them when partitions are revoked and on close.</summary>
    public ConsumerConfig Consumer(string groupId, string clientId) => new(new Dictionary<string, string>(Client))
    {
        GroupId = groupId,
        ClientId = clientId,
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        // A new consumer group starts at the oldest retained message: nothing on the topic is skipped.
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnablePartitionEof = false,
        // Broker up/down for the health check.
        StatisticsIntervalMs = 10_000,
        // Only what batches use: headers and timestamp for message-derived columns and dead letters. Not the topic: a
        // trigger's consumer subscribes to one topic by name, and decoding it per message cost a string each.
        ConsumeResultFields = "headers,timestamp",
    };

    /// <summary>The dead-letter producer: every rejected message acknowledged by all in-sync replicas.</summary>
    public ProducerConfig Producer(string clientId) => new(new Dictionary<string, string>(Client))
    {
        ClientId = clientId,
        Acks = Acks.All,
        EnableIdempotence = true,
        // A batch's offsets wait for its dead letters; a broker that stays away fails the batch instead of hanging it.
        MessageTimeoutMs = 30_000,
    };
}
