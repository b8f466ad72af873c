using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Web.Flows;
using Hangfire;

namespace EtlStudio.Web.Runs;

/// <summary>Runs a claimed run as partitions when its flow asks for it (a file source with <see cref="Flow.PartitionsInFlight"/>
/// above 1, or a query source with a <see cref="Flow.PartitionColumn"/>; not TruncateReplace, not incremental): lists the
/// source's files once or cuts the query into ranges, records the partitions, and hands them to Hangfire (<see cref="PartitionJob"/>) at most the flow's in-flight count at a time.
/// Each partition that ends hands the next one out and, when it was the last, ends the run.</summary>
internal sealed class PartitionedRuns(PartitionStore store, RunStates states, RunRecorder recorder, FlowDefinitionFactory definitions, ISourceFactory sources,
    IBackgroundJobClient jobs, IRunProgressNotifier notifier, FailureNotifier failures, ILogger<PartitionedRuns> logger)
{
    /// <summary>Splits the claimed run and hands out its first partitions; false when the run is to execute as one piece.
    /// A query's ranges come from the flow's bounds or MIN/MAX of its partition column; when they cannot be worked out
    /// the run fails here (running the query whole would ignore the flow's partitioning). A resume of a run that read
    /// query ranges reads the ranges its partitions did not finish again, as partitions, under the same load: each
    /// range's records are keyed in the ledger by the range, so only a partition of that same range skips them.</summary>
    public async Task<bool> TryStartAsync(FlowRun run, int flowId, CancellationToken cancellationToken)
    {
        if (run.ReplayOfRunId is { } resumed) return await TryResumeAsync(run, resumed, flowId, cancellationToken);
        StoredFlow stored;
        IReadOnlyList<string> files;
        try
        {
            stored = await definitions.LoadAsync(flowId, cancellationToken);
            if (stored.CursorColumn is not null || stored.Definition.Destination.Mode == LoadMode.TruncateReplace) return false;
            if (stored.Definition.Source is DatabaseSourceDefinition query)
            {
                return QueryPartitionPlan.IsOn(stored.Flow) && await TryStartQueryAsync(run, stored, query, cancellationToken);
            }
            if (stored.Flow.PartitionsInFlight <= 1 || stored.Definition.Source is not FileSourceDefinition source) return false;
            files = await sources.ListFilesAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is EtlDataException or NotSupportedException)
        {
            // The run as one piece reports the same problem (no match, missing folder) the way runs always do.
            return false;
        }
        if (files.Count < 2) return false;
        var inFlight = stored.Flow.PartitionsInFlight;
        var chunks = PartitionPlan.Split(files, inFlight);
        await store.CreateAsync(run.Id, chunks, cancellationToken);
        await recorder.LogAsync(run.Id, LogLevel.Information,
            $"Started ({Who(run)}): {files.Count} files in {chunks.Count} partitions of up to {chunks[0].Count} file(s), at most {inFlight} in flight on any instance.",
            cancellationToken);
        PartitionLog.RunSplit(logger, run.Id, files.Count, chunks.Count, inFlight);
        await AdvanceAsync(run.Id, CancellationToken.None);
        return true;
    }

    private async Task<bool> TryStartQueryAsync(FlowRun run, StoredFlow stored, DatabaseSourceDefinition query, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueryRange> ranges;
        string bounds;
        try
        {
            (ranges, bounds) = await QueryPartitionPlan.RangesAsync(stored.Flow, query, sources, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            await FailAsync(run, $"Could not split the query into partitions: {RunExecution.Describe(e)}");
            return true;
        }
        if (ranges.Count < 2)
        {
            await recorder.LogAsync(run.Id, LogLevel.Information, $"Not partitioned: {bounds} gives a single range; the query runs as one piece.", cancellationToken);
            return false;
        }
        var inFlight = Math.Max(1, stored.Flow.PartitionsInFlight);
        await store.CreateRangesAsync(run.Id, [.. ranges.Select(StoredRange.Write)], cancellationToken);
        await recorder.LogAsync(run.Id, LogLevel.Information,
            $"Started ({Who(run)}): query split on {ranges[0].Column} into {ranges.Count} ranges ({bounds}), at most {inFlight} in flight on any instance.",
            cancellationToken);
        PartitionLog.QuerySplit(logger, run.Id, ranges[0].Column, ranges.Count, inFlight);
        await AdvanceAsync(run.Id, CancellationToken.None);
        return true;
    }

    /// <summary>Resumes a run that read query ranges as partitions of the same ranges (the unfinished ones; all of them
    /// when the run ended without any unfinished, their ledger receipts then skip everything); false when the resumed
    /// run did not read ranges (it resumes as one piece, its origins being whole files or the whole query).</summary>
    private async Task<bool> TryResumeAsync(FlowRun run, Guid resumedId, int flowId, CancellationToken cancellationToken)
    {
        var earlier = (await store.ListAsync(resumedId, cancellationToken)).Where(p => p.Range is not null).ToList();
        if (earlier.Count == 0) return false;
        var left = earlier.Where(p => p.Status != RunStatus.Succeeded).ToList();
        var ranges = (left.Count > 0 ? left : earlier).Select(p => p.Range!).ToList();
        await store.CreateRangesAsync(run.Id, ranges, cancellationToken);
        var inFlight = await InFlightAsync(run, cancellationToken);
        await recorder.LogAsync(run.Id, LogLevel.Information,
            $"Started ({Who(run)}): resumes run {resumedId} as {ranges.Count} of its {earlier.Count} query ranges (those it did not finish), at most {inFlight} in flight on any instance.",
            cancellationToken);
        PartitionLog.QuerySplit(logger, run.Id, StoredRange.Read(ranges[0]).Column, ranges.Count, inFlight);
        await AdvanceAsync(run.Id, CancellationToken.None);
        return true;
    }

    /// <summary>Ends a claimed run that could not be split as Failed, the way a run that fails as one piece ends.</summary>
    private async Task FailAsync(FlowRun run, string error)
    {
        await states.CompleteAsync(run.Id, new RunOutcome(RunStatus.Failed, null, error), CancellationToken.None);
        await AnnounceEndAsync(run, RunStatus.Failed, error, PartitionTotals.Of([]));
    }

    /// <summary>What follows a partitioned run's end, once recorded: the log line, the live update, the failure
    /// notification and the flow's next waiting run.</summary>
    private async Task AnnounceEndAsync(FlowRun run, RunStatus status, string? error, PartitionTotals totals)
    {
        RuntimeLog.RunEnded(logger, run.Id, run.FlowName, status.ToString(), totals.RowsRead, totals.RowsWritten, totals.RowsRejected);
        notifier.Publish(new RunUpdate(run.Id, run.FlowId, status, null, totals.RowsRead, totals.RowsWritten, totals.RowsRejected, run.StartedUtc,
            recorder.UtcNow, error, totals.RowsFiltered));
        if (status == RunStatus.Failed) await failures.NotifyAsync(run.Id, CancellationToken.None);
        if (run.FlowId is { } flowId) await HandOffAsync(flowId);
    }

    private static string Who(FlowRun run) => $"{run.Trigger}{(run.TriggeredBy is null ? "" : $" by {run.TriggeredBy}")}";

    /// <summary>Hands out waiting partitions while slots are free (none once Cancel was requested: the waiting ones are
    /// cancelled), and ends the run when every partition has ended. Safe to call from any instance, any number of times.</summary>
    public async Task AdvanceAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await recorder.FindAsync(runId, cancellationToken);
        if (run is null || run.Status is not (RunStatus.Running or RunStatus.Abandoned)) return;
        if (run.CancelRequested)
        {
            await store.CancelQueuedAsync(runId, null, cancellationToken);
        }
        else if (run.Status == RunStatus.Running)
        {
            var inFlight = await InFlightAsync(run, cancellationToken);
            while (await store.ClaimSlotAsync(runId, inFlight, cancellationToken) is { } partitionId)
            {
                await EnqueueAsync(partitionId, null, cancellationToken);
            }
        }
        await FinishIfLastAsync(run, cancellationToken);
    }

    /// <summary>Gives an in-flight partition a Hangfire job (a new one when <paramref name="jobSeen"/> was lost).</summary>
    public async Task EnqueueAsync(long partitionId, string? jobSeen, CancellationToken cancellationToken)
    {
        var jobId = jobs.Enqueue<PartitionJob>(j => j.ExecuteAsync(partitionId, CancellationToken.None));
        if (!await store.SetJobAsync(partitionId, jobSeen, jobId, cancellationToken)) jobs.Delete(jobId);
    }

    private async Task FinishIfLastAsync(FlowRun run, CancellationToken cancellationToken)
    {
        var partitions = await store.ListAsync(run.Id, cancellationToken);
        var totals = PartitionTotals.Of(partitions);
        if (partitions.Count == 0 || !totals.AllEnded) return;
        var result = new FlowRunResult
        {
            Succeeded = totals.Status == RunStatus.Succeeded, RowsRead = totals.RowsRead, RowsWritten = totals.RowsWritten, RowsRejected = totals.RowsRejected,
            RowsFiltered = totals.RowsFiltered, RowsSkipped = totals.RowsSkipped, RowsInserted = totals.RowsInserted, RowsUpdated = totals.RowsUpdated,
        };
        var note = totals.Status == RunStatus.Cancelled && run.Note is null ? "cancelled" : null;
        var outcome = new RunOutcome(totals.Status, result, PartitionTotals.Error(partitions), note);
        if (!await states.CompletePartitionedAsync(run.Id, outcome, cancellationToken)) return;
        await AnnounceEndAsync(run, totals.Status, outcome.Error, totals);
    }

    /// <summary>Moves the flow's waiting run (deferred to a later time) to the queue now that the flow is free.</summary>
    private async Task HandOffAsync(int flowId)
    {
        try
        {
            if (await recorder.QueuedJobOfFlowAsync(flowId, CancellationToken.None) is { } jobId)
            {
                jobs.ChangeState(jobId, new Hangfire.States.EnqueuedState(), Hangfire.States.ScheduledState.StateName);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RecoveryLog.HandOffFailed(logger, flowId, "?", e);
        }
    }

    private async Task<int> InFlightAsync(FlowRun run, CancellationToken cancellationToken)
    {
        if (run.FlowId is not { } flowId) return 1;
        var stored = await definitions.LoadAsync(flowId, cancellationToken);
        return Math.Max(1, stored.Flow.PartitionsInFlight);
    }
}
