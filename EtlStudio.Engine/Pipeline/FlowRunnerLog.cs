using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Pipeline;

internal static partial class FlowRunnerLog
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} of flow {Flow} started")]
    public static partial void RunStarted(ILogger logger, string flow, Guid runId);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} of flow {Flow} replays the load staged by run {StagedRunId}")]
    public static partial void ReplayStarted(ILogger logger, string flow, Guid runId, Guid stagedRunId);

    [LoggerMessage(3, LogLevel.Information, "Run {RunId} of flow {Flow} succeeded: {Read} read, {Written} written, {Rejected} rejected, {Filtered} filtered in {ElapsedMs} ms")]
    public static partial void RunSucceeded(ILogger logger, string flow, Guid runId, long read, long written, long rejected, long filtered, long elapsedMs);

    [LoggerMessage(4, LogLevel.Warning, "Run {RunId} of flow {Flow} failed on its data: {Reason}")]
    public static partial void RunRejected(ILogger logger, string flow, Guid runId, string reason);

    [LoggerMessage(5, LogLevel.Error, "Run {RunId} of flow {Flow} failed")]
    public static partial void RunFailed(ILogger logger, string flow, Guid runId, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Run {RunId} of flow {Flow} was cancelled after {Read} rows read")]
    public static partial void RunCancelled(ILogger logger, string flow, Guid runId, long read);

    [LoggerMessage(7, LogLevel.Information, "Dry run {RunId} of flow {Flow} started; its load will be rolled back")]
    public static partial void DryRunStarted(ILogger logger, string flow, Guid runId);

    [LoggerMessage(8, LogLevel.Information, "Dry run {RunId} of flow {Flow} rolled back: {Read} read, would insert {Inserted}, update {Updated}, reject {Rejected}, filter {Filtered}")]
    public static partial void DryRunRolledBack(ILogger logger, string flow, Guid runId, long read, long inserted, long updated, long rejected, long filtered);

    [LoggerMessage(9, LogLevel.Information, "Run {RunId} of flow {Flow} resumes load {Load}: {Rows} rows in {Receipts} committed batches are skipped")]
    public static partial void Resuming(ILogger logger, string flow, Guid runId, string load, long rows, int receipts);

    [LoggerMessage(10, LogLevel.Information, "Run {RunId} of flow {Flow} skips {Messages} messages whose partition offsets the destination's ledger already holds")]
    public static partial void MessagesSkipped(ILogger logger, string flow, Guid runId, int messages);

    [LoggerMessage(11, LogLevel.Information, "Run {RunId} of flow {Flow} resumes from the mapped rows run {StagedRunId} staged")]
    public static partial void ResumingFromStaging(ILogger logger, string flow, Guid runId, Guid stagedRunId);

    [LoggerMessage(12, LogLevel.Information, "Run {RunId} of flow {Flow} resumes by reading the source again")]
    public static partial void ResumingFromSource(ILogger logger, string flow, Guid runId);
}
