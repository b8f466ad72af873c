namespace EtlStudio.Web.Runs;

/// <summary>Log messages of partitioned runs.</summary>
internal static partial class PartitionLog
{
    [LoggerMessage(160, LogLevel.Information, "Run {RunId}: {Files} files split into {Partitions} partitions, at most {InFlight} in flight")]
    public static partial void RunSplit(ILogger logger, Guid runId, int files, int partitions, int inFlight);

    [LoggerMessage(165, LogLevel.Information, "Run {RunId}: query split on {Column} into {Partitions} ranges, at most {InFlight} in flight")]
    public static partial void QuerySplit(ILogger logger, Guid runId, string column, int partitions, int inFlight);

    [LoggerMessage(161, LogLevel.Information, "Run {RunId}: partition {Index} (attempt {Attempt}) ended {Status}: {Read} read, {Written} written, {Rejected} rejected")]
    public static partial void PartitionEnded(ILogger logger, Guid runId, int index, int attempt, string status, long read, long written, long rejected);

    [LoggerMessage(162, LogLevel.Information, "Run {RunId}: partition {Index} runs on another instance or has ended: nothing to do")]
    public static partial void PartitionNotStarted(ILogger logger, Guid runId, int index);

    [LoggerMessage(163, LogLevel.Warning, "Run {RunId}: partition {Index} handed to a new job ({Why})")]
    public static partial void PartitionRequeued(ILogger logger, Guid runId, int index, string why);

    [LoggerMessage(164, LogLevel.Warning, "Run {RunId}: partition {Index} attempt {Attempt} failed with a transient error, retrying")]
    public static partial void PartitionRetrying(ILogger logger, Guid runId, int index, int attempt, Exception exception);
}
