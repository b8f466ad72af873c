namespace EtlStudio.Web.Runs;

/// <summary>Log messages of the runtime (runs, schedules, housekeeping).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Releasing lock {Resource} failed")]
    public static partial void FlowLockReleaseFailed(ILogger logger, string resource, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} of flow {FlowName} ended {Status} ({RowsRead} read, {RowsWritten} written, {RowsRejected} rejected)")]
    public static partial void RunEnded(ILogger logger, Guid runId, string flowName, string status, long rowsRead, long rowsWritten, long rowsRejected);

    [LoggerMessage(3, LogLevel.Information, "Run {RunId} is {Status}, not Queued: nothing to do")]
    public static partial void RunNotQueued(ILogger logger, Guid runId, string status);

    [LoggerMessage(4, LogLevel.Warning, "Run {RunId}: attempt {Attempt} failed with a transient error, retrying in {Delay}")]
    public static partial void RunRetrying(ILogger logger, Guid runId, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "Run {RunId} failed outside the engine")]
    public static partial void RunCrashed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Heartbeat of run {RunId} could not be written")]
    public static partial void HeartbeatFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Failure webhook of group {GroupId} for run {RunId} failed")]
    public static partial void WebhookFailed(ILogger logger, int groupId, Guid runId, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Failure webhook of group {GroupId} for run {RunId} answered {StatusCode}")]
    public static partial void WebhookRejected(ILogger logger, int groupId, Guid runId, int statusCode);

    [LoggerMessage(10, LogLevel.Information, "Schedule of group {GroupId} set: {Cron} in {TimeZone}")]
    public static partial void ScheduleSet(ILogger logger, int groupId, string cron, string timeZone);

    [LoggerMessage(11, LogLevel.Information, "Schedule of group {GroupId} removed")]
    public static partial void ScheduleRemoved(ILogger logger, int groupId);

    [LoggerMessage(12, LogLevel.Warning, "Group {GroupId} is not scheduled: {Reason}")]
    public static partial void ScheduleRefused(ILogger logger, int groupId, string reason);

    [LoggerMessage(13, LogLevel.Information, "Retention: purged {Runs} runs queued before {Cutoff:O}")]
    public static partial void RetentionPurged(ILogger logger, int runs, DateTime cutoff);

    [LoggerMessage(40, LogLevel.Information, "Retention: {Receipts} batch ledger receipt(s) committed before {Cutoff} purged beside flow {FlowId}'s destination")]
    public static partial void LedgerPurged(ILogger logger, int flowId, int receipts, DateTime cutoff);

    [LoggerMessage(41, LogLevel.Warning, "Retention: the batch ledger beside flow {FlowId}'s destination could not be purged")]
    public static partial void LedgerPurgeFailed(ILogger logger, int flowId, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "Retention: staged files of run {RunId} could not be deleted")]
    public static partial void RetentionStagingFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "Rejected rows of run {RunId} could not be stored")]
    public static partial void RejectsNotStored(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(42, LogLevel.Information, "Deleted {Count} temporary document copies left by processes that no longer run")]
    public static partial void TempCopiesSwept(ILogger logger, int count);

    [LoggerMessage(166, LogLevel.Information, "Run path warmed up in {Milliseconds} ms")]
    public static partial void WarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(167, LogLevel.Warning, "Warming up the run path failed; the first run compiles it instead")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);
}
