using Microsoft.Extensions.Logging;

namespace EtlStudio.Web.Triggers;

/// <summary>Log messages of the Kafka triggers. Connection summaries only: never a secret or a full config.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(1, LogLevel.Information, "Kafka triggers are disabled on this instance (Kafka:Enabled=false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(2, LogLevel.Error, "Kafka triggers: the trigger table could not be read; running consumers carry on")]
    public static partial void TriggerTableUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Kafka triggers {TriggerIds} read topic {Topic} in the same consumer group {ConsumerGroup}: they share its partitions and each sees only part of the messages")]
    public static partial void SharedGroup(ILogger logger, string triggerIds, string topic, string consumerGroup);

    [LoggerMessage(10, LogLevel.Information, "Kafka trigger {TriggerId}: consuming {Topic} as group {ConsumerGroup} from {Connection}")]
    public static partial void ConsumerStarted(ILogger logger, int triggerId, string topic, string consumerGroup, string connection);

    [LoggerMessage(11, LogLevel.Information, "Kafka trigger {TriggerId}: consumer stopped ({Reason})")]
    public static partial void ConsumerStopped(ILogger logger, int triggerId, string reason);

    [LoggerMessage(12, LogLevel.Error, "Kafka trigger {TriggerId}: consumer failed ({Failures} in a row); starting again in {DelayMs} ms")]
    public static partial void ConsumerFailed(ILogger logger, int triggerId, int failures, long delayMs, Exception exception);

    [LoggerMessage(20, LogLevel.Debug, "Kafka trigger {TriggerId}: batch of {Count} messages loaded by run {RunId}; {Rejected} rejected, {DeadLettered} to the dead-letter topic")]
    public static partial void BatchLoaded(ILogger logger, int triggerId, int count, Guid runId, int rejected, int deadLettered);

    [LoggerMessage(21, LogLevel.Warning, "Kafka trigger {TriggerId}: batch of {Count} messages failed ({Failures} in a row); reading it again in {DelayMs} ms")]
    public static partial void BatchFailed(ILogger logger, int triggerId, int count, int failures, long delayMs, Exception exception);

    [LoggerMessage(22, LogLevel.Warning, "Kafka trigger {TriggerId}: run {RunId} rejected {Origin}, which is not a message of the batch; it stays a reject of the run only")]
    public static partial void UnknownRejectOrigin(ILogger logger, int triggerId, Guid runId, string origin);

    [LoggerMessage(23, LogLevel.Warning, "Kafka trigger {TriggerId}: could not {Action} {Partition}: {Reason}")]
    public static partial void OffsetFailed(ILogger logger, int triggerId, string action, string partition, string reason);

    [LoggerMessage(30, LogLevel.Information, "Kafka trigger {TriggerId}: assigned {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, int triggerId, string partitions);

    [LoggerMessage(31, LogLevel.Information, "Kafka trigger {TriggerId}: revoked {Partitions}; {Dropped} consumed but unprocessed messages left to the next owner")]
    public static partial void PartitionsRevoked(ILogger logger, int triggerId, string partitions, int dropped);

    [LoggerMessage(32, LogLevel.Warning, "Kafka trigger {TriggerId}: lost {Partitions}; {Dropped} consumed but unprocessed messages left to the next owner")]
    public static partial void PartitionsLost(ILogger logger, int triggerId, string partitions, int dropped);

    [LoggerMessage(40, LogLevel.Warning, "Kafka trigger {TriggerId}: {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, int triggerId, string code, string reason);

    [LoggerMessage(42, LogLevel.Warning, "Kafka trigger {TriggerId}: the destination's batch ledger could not be read at partition assignment; consuming from the committed offsets (runs still skip what the ledger holds)")]
    public static partial void LedgerUnread(ILogger logger, int triggerId, Exception exception);

    [LoggerMessage(43, LogLevel.Information, "Kafka trigger {TriggerId}: the destination's ledger already holds messages past the group's offsets; starting at {Offsets}")]
    public static partial void StartedAfterLedger(ILogger logger, int triggerId, string offsets);

    [LoggerMessage(44, LogLevel.Warning, "Kafka trigger {TriggerId}: broker unreachable: {Reason}; librdkafka keeps reconnecting (reminder once a minute while down)")]
    public static partial void BrokerDown(ILogger logger, int triggerId, string reason);

    [LoggerMessage(45, LogLevel.Warning, "Kafka trigger {TriggerId}: broker still unreachable after {DownSeconds} s ({Suppressed} reports not logged): {Reason}")]
    public static partial void BrokerStillDown(ILogger logger, int triggerId, long downSeconds, int suppressed, string reason);

    [LoggerMessage(46, LogLevel.Information, "Kafka trigger {TriggerId}: broker reachable again after {DownSeconds} s")]
    public static partial void BrokerUp(ILogger logger, int triggerId, long downSeconds);

    [LoggerMessage(EventId = 41, Message = "Kafka trigger {TriggerId}: librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, int triggerId, string facility, string message);
}
