namespace EtlStudio.Web.Runs;

/// <summary>Log messages of run recovery: abandoned runs, runs waiting for their flow, staging cleanup, records that
/// could not be written.</summary>
internal static partial class RecoveryLog
{
    [LoggerMessage(101, LogLevel.Warning, "Run {RunId} of flow {FlowName} marked Abandoned: {Note}")]
    public static partial void RunAbandoned(ILogger logger, Guid runId, string flowName, string note);

    [LoggerMessage(102, LogLevel.Information, "Run {RunId} of flow {FlowId} still waits for the flow after {Wait}: it stays Queued and looks again in {Recheck}")]
    public static partial void RunDeferred(ILogger logger, Guid runId, int flowId, TimeSpan wait, TimeSpan recheck);

    [LoggerMessage(103, LogLevel.Warning, "The live Hangfire servers could not be read; runs are judged by their heartbeat only")]
    public static partial void ServersUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Warning, "The queued run of flow {FlowId} (Hangfire job {JobId}) could not be started early; it starts at its scheduled time")]
    public static partial void HandOffFailed(ILogger logger, int flowId, string jobId, Exception exception);

    [LoggerMessage(105, LogLevel.Information, "Run {RunId} ended {Status} with incomplete staged output: deleted {Files} files ({Bytes} bytes)")]
    public static partial void IncompleteStagingDeleted(ILogger logger, Guid runId, string status, int files, long bytes);

    [LoggerMessage(106, LogLevel.Warning, "Run {RunId}: its incomplete staged output could not be deleted")]
    public static partial void IncompleteStagingNotDeleted(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(107, LogLevel.Error, "Run {RunId} of flow {FlowName} could not record its end in the configuration database (check Database:ConnectionString and that the database takes writes): {Reason}. It stays Running until the sweeper can mark it Abandoned")]
    public static partial void RunEndNotRecorded(ILogger logger, Guid runId, string flowName, string reason, Exception exception);

    [LoggerMessage(108, LogLevel.Information, "Kafka batch run {RunId} of flow {FlowId} did not start: the flow was still running after {Wait}; the batch is read again")]
    public static partial void BatchDeferred(ILogger logger, Guid runId, int flowId, TimeSpan wait);
}
