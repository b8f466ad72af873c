using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Flows;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Runs;

/// <summary>The Hangfire job that loads one partition of a partitioned run, on whichever instance fetched it: its files
/// through the same engine, under the run's load in the destination's batch ledger, so a partition delivered again after
/// its instance died skips what the first attempt committed.</summary>
/// <remarks>Hangfire retries are off (as for runs): transient failures are retried here. A job delivered again while
/// the partition still beats elsewhere does nothing. Staging is off for partitions (one run, many writers).</remarks>
internal sealed class PartitionJob(PartitionStore store, PartitionedRuns runs, RunRecorder recorder, FlowDefinitionFactory definitions,
    IDbContextFactory<EtlDbContext> contexts, ISourceFactory sources, ILoaderFactory loaders, IStagingStore staging, ExecutorIdentity executor,
    ILoggerFactory loggerFactory, IOptions<RuntimeOptions> options, ILogger<PartitionJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(long partitionId, CancellationToken cancellationToken)
    {
        var partition = await store.FindAsync(partitionId, cancellationToken);
        if (partition is null) return;
        var run = await recorder.FindAsync(partition.RunId, cancellationToken);
        if (run is null) return;
        if (run.Status != RunStatus.Running || run.CancelRequested || run.FlowId is null)
        {
            await store.CancelQueuedAsync(run.Id, partition.Id, cancellationToken);
        }
        else
        {
            var o = options.Value;
            var stale = store.UtcNow.AddSeconds(-3 * o.HeartbeatSeconds);
            if (await store.StartAsync(partitionId, executor.Name, stale, cancellationToken))
            {
                await LoadAsync(run, partition, partition.Attempts + 1, run.FlowId.Value, cancellationToken);
            }
            else
            {
                PartitionLog.PartitionNotStarted(logger, run.Id, partition.Index);
            }
        }
        await runs.AdvanceAsync(run.Id, CancellationToken.None);
    }

    /// <summary>The flow's source narrowed to the partition: its files, or its query's range.</summary>
    private static SourceDefinition SourceOf(SourceDefinition source, RunPartition partition) => (source, partition.Range) switch
    {
        (DatabaseSourceDefinition query, { } range) => query with { Range = StoredRange.Read(range) },
        (FileSourceDefinition files, null) => files with { Files = partition.Files.Split('\n') },
        _ => throw new EtlDataException(partition.Range is null
            ? "the flow's source is no longer a file source: this partition's files cannot be read from it"
            : "the flow's source is no longer a database query: this partition's range cannot be read from it"),
    };

    private async Task LoadAsync(FlowRun run, RunPartition partition, int attemptNo, int flowId, CancellationToken shutdown)
    {
        var o = options.Value;
        using var cancel = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, cancel.Token);
        var progress = new LatestProgress();
        await using var rejects = new RejectBuffer(contexts, run.Id, o.MaxStoredRejects, keepInMemory: false, logger);
        RunStatus status;
        PartitionCounts counts;
        string? error = null;
        try
        {
            var stored = await definitions.LoadAsync(flowId, linked.Token);
            var definition = stored.Definition with { Source = SourceOf(stored.Definition.Source, partition), StagingEnabled = false };
            var runner = new FlowRunner(sources, loaders, staging, loggerFactory.CreateLogger<FlowRunner>());
            var context = new FlowRunContext
            {
                RunId = run.Id, Rejects = rejects, Progress = progress, FlowKey = RunExecution.FlowKey(flowId), LoadId = run.LoadId ?? run.Id,
                LoadTime = run.StartedUtc is { } started ? new DateTimeOffset(started, TimeSpan.Zero) : null,
            };
            // Delivered again after its instance died: that attempt's rejects are stored already.
            if (partition.Attempts > 0) await rejects.BeginAttemptAsync(linked.Token);
            FlowRunResult result;
            await using (new PartitionWatch(store, progress, partition.Id, run.Id, executor.Name, cancel, TimeSpan.FromSeconds(o.HeartbeatSeconds), logger))
            {
                var attempt = 0;
                while (true)
                {
                    result = await runner.RunAsync(definition, context, linked.Token);
                    if (result.Succeeded || attempt++ >= o.TransientRetries || !TransientFailures.IsTransient(result.Error)) break;
                    PartitionLog.PartitionRetrying(logger, run.Id, partition.Index, attempt, result.Error!);
                    await rejects.BeginAttemptAsync(CancellationToken.None);
                    await Task.Delay(TimeSpan.FromSeconds(o.RetryDelaySeconds * Math.Pow(2, attempt - 1)), linked.Token);
                }
            }
            await rejects.FlushAsync(CancellationToken.None);
            if (result.RowsCommittedBefore > 0)
            {
                await recorder.LogAsync(run.Id, LogLevel.Information,
                    $"Partition {partition.Index + 1} (attempt {attemptNo}): {result.RowsCommittedBefore} row(s) an earlier attempt committed were skipped, not loaded again.",
                    CancellationToken.None);
            }
            counts = PartitionCounts.From(result, resume: run.ReplayOfRunId is not null);
            status = result.Succeeded ? RunStatus.Succeeded : RunStatus.Failed;
            error = RunExecution.Describe(result.Error);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            counts = PartitionCounts.From(progress.Latest, 0);
            status = RunStatus.Cancelled;
            error = shutdown.IsCancellationRequested && !cancel.IsCancellationRequested ? "stopped: the server shut down" : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            counts = PartitionCounts.From(progress.Latest, 0);
            status = RunStatus.Failed;
            error = RunExecution.Describe(e);
        }
        if (await store.EndAsync(partition.Id, run.Id, executor.Name, status, counts, error, CancellationToken.None))
        {
            PartitionLog.PartitionEnded(logger, run.Id, partition.Index, attemptNo, status.ToString(), counts.RowsRead, counts.RowsWritten, counts.RowsRejected);
            if (status != RunStatus.Succeeded)
            {
                await recorder.LogAsync(run.Id, status == RunStatus.Failed ? LogLevel.Error : LogLevel.Warning,
                    $"Partition {partition.Index + 1} ({PartitionTotals.Share(partition)}) ended {status}{(error is null ? "" : $": {error}")}", CancellationToken.None);
            }
        }
    }
}
