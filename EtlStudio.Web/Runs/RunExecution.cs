using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace EtlStudio.Web.Runs;

/// <summary>Executes a claimed (Running) run: builds the definition, calls the engine with retries of transient
/// failures, a per-flow timeout, heartbeat and cancel watch, and records the outcome.</summary>
internal sealed class RunExecution(IDbContextFactory<EtlDbContext> contexts, RunRecorder recorder, RunStates states, FlowDefinitionFactory definitions,
    ISourceFactory sources, ILoaderFactory loaders, IStagingStore staging, ILoggerFactory loggerFactory, FlowCursor cursors, FailureNotifier failures, IRunProgressNotifier notifier, IOptions<RuntimeOptions> options,
    ILogger<RunExecution> logger, IOptions<Hosting.StagingStoreOptions> stagingOptions)
{
    internal async Task<RunEnd> RunClaimedAsync(FlowRun run, int flowId, IReadOnlyList<SourceMessage>? messages,
        CancellationTokenSource userCancel, CancellationToken shutdown)
    {
        var o = options.Value;
        var progress = new RunProgressTracker(notifier, run.Id, flowId, recorder.UtcNow);
        notifier.Publish(progress.Update(RunStatus.Running, null, null));
        await using var rejects = new RejectBuffer(contexts, run.Id, o.MaxStoredRejects, keepInMemory: messages is not null, logger);
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, userCancel.Token, timeout.Token);
        RunOutcome outcome;
        StoredFlow? stored = null;
        Exception? error = null;
        try
        {
            stored = await definitions.LoadAsync(flowId, linked.Token);
            if (messages is null && stored.Definition.Source is MessageSourceDefinition)
            {
                throw new EtlDataException($"flow '{stored.Flow.Name}' reads from Kafka: it runs when its trigger receives messages, not on demand or on a schedule");
            }
            var definition = messages is null ? stored.Definition : stored.Definition with { Source = new MessageSourceDefinition { Messages = messages } };
            if (stored.Flow.TimeoutSeconds is > 0 and var seconds) timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
            FlowRunResult result;
            var cursorLoaders = stored.CursorColumn is null ? null : new CursorTrackingLoaders(loaders, stored.CursorColumn);
            var runner = new FlowRunner(sources, cursorLoaders ?? loaders, staging, loggerFactory.CreateLogger<FlowRunner>(), stagingOptions.Value.Format);
            await using (new RunWatch(recorder, progress, run.Id, userCancel, options, logger))
            {
                result = await RunWithRetriesAsync(runner, run, definition, rejects, progress, linked.Token);
            }
            await rejects.FlushAsync(CancellationToken.None);
            error = result.Error;
            if (result.RowsCommittedBefore > 0 || result.RowsSkipped > 0)
            {
                await recorder.LogAsync(run.Id, LogLevel.Information,
                    $"Load {run.LoadId ?? run.Id} had {result.RowsCommittedBefore} row(s) committed before this run; {result.RowsSkipped} record(s) they cover were skipped, not loaded again.",
                    CancellationToken.None);
            }
            outcome = result.Succeeded
                ? new RunOutcome(RunStatus.Succeeded, result, null)
                : new RunOutcome(RunStatus.Failed, result, Describe(result.Error));
            if (result.Succeeded && definition.Source is FileSourceDefinition { AfterLoad: not AfterLoadAction.Keep } files)
            {
                // Only now, as for the cursor: the load has committed. A failed or cancelled run never gets here.
                await AfterLoadAsync(run.Id, files, result.FilesRead);
            }
            if (result.Succeeded && cursorLoaders?.Max is { } max)
            {
                // Only now: the load has committed. A failed run leaves the cursor where it was.
                var value = FlowCursor.Format(max);
                await cursors.SaveAsync(flowId, value, CancellationToken.None);
                await recorder.LogAsync(run.Id, LogLevel.Information, $"Cursor {stored.CursorColumn} moved to {value}.", CancellationToken.None);
            }
        }
        catch (OperationCanceledException e) when (linked.IsCancellationRequested)
        {
            error = e;
            var partial = Partial(progress);
            outcome = timeout.IsCancellationRequested && !userCancel.IsCancellationRequested && !shutdown.IsCancellationRequested
                ? new RunOutcome(RunStatus.Failed, partial, $"Timed out after {stored?.Flow.TimeoutSeconds} s (flow timeout).")
                : new RunOutcome(RunStatus.Cancelled, partial, null, shutdown.IsCancellationRequested && !userCancel.IsCancellationRequested
                    ? "stopped: the server shut down" : null);
        }
        catch (Exception e)
        {
            // Configuration problems (EtlDataException from the definition) and database failures around the engine.
            error = e;
            if (e is not EtlDataException) RuntimeLog.RunCrashed(logger, run.Id, e);
            outcome = new RunOutcome(RunStatus.Failed, Partial(progress), Describe(e));
        }
        await states.CompleteAsync(run.Id, outcome, CancellationToken.None);
        var counts = outcome.Result;
        RuntimeLog.RunEnded(logger, run.Id, run.FlowName, outcome.Status.ToString(), counts?.RowsRead ?? 0, counts?.RowsWritten ?? 0, counts?.RowsRejected ?? 0);
        notifier.Publish(new RunUpdate(run.Id, flowId, outcome.Status, null, counts?.RowsRead ?? 0, counts?.RowsWritten ?? 0, counts?.RowsRejected ?? 0,
            null, recorder.UtcNow, outcome.Error, counts?.RowsFiltered ?? 0));
        if (outcome.Status == RunStatus.Failed) await NotifyFailureAsync(run.Id);
        return new RunEnd(outcome.Status, rejects.Kept, error);
    }

    /// <summary>Deletes or moves the SFTP files the run read; a failure is a warning in the run's log, never a failed run.</summary>
    private async Task AfterLoadAsync(Guid runId, FileSourceDefinition source, IReadOnlyList<string> filesRead)
    {
        var warnings = new RunWarnings();
        try
        {
            await Engine.Sources.Files.SftpAfterLoad.ApplyAsync(source, filesRead, warnings, recorder.UtcNow, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            warnings.Warn($"After the load: the files read were left on the server: {e.Message}");
        }
        await warnings.FlushAsync(recorder, runId);
    }

    private async Task<FlowRunResult> RunWithRetriesAsync(FlowRunner runner, FlowRun run, FlowDefinition definition, RejectBuffer rejects,
        RunProgressTracker progress, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var warnings = new RunWarnings();
        var context = new FlowRunContext
        {
            RunId = run.Id,
            Rejects = rejects,
            Log = warnings,
            Progress = progress,
            FlowKey = run.FlowId is { } id ? FlowKey(id) : null,
            LoadId = run.LoadId,
        };
        var attempt = 1;
        await recorder.LogAsync(run.Id, LogLevel.Information, $"Started ({run.Trigger}{(run.TriggeredBy is null ? "" : $" by {run.TriggeredBy}")}).", cancellationToken);
        // A resume's rows come from the staging of the load's first run, which is the only run of a load that stages.
        Task<FlowRunResult> Once(CancellationToken ct) => run.ReplayOfRunId is not null && run.LoadId is { } load
            ? runner.ResumeAsync(definition, load, context, ct)
            : runner.RunAsync(definition, context, ct);
        if (o.TransientRetries == 0)
        {
            try
            {
                return await Once(cancellationToken);
            }
            finally
            {
                await warnings.FlushAsync(recorder, run.Id);
            }
        }
        var pipeline = new ResiliencePipelineBuilder<FlowRunResult>().AddRetry(new RetryStrategyOptions<FlowRunResult>
        {
            MaxRetryAttempts = o.TransientRetries,
            Delay = TimeSpan.FromSeconds(o.RetryDelaySeconds),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Succeeded: false } r && Retryable(r)),
            OnRetry = async args =>
            {
                var failed = args.Outcome.Result!;
                RuntimeLog.RunRetrying(logger, run.Id, attempt, args.RetryDelay, failed.Error!);
                await recorder.LogAsync(run.Id, LogLevel.Warning,
                    $"Attempt {attempt} failed with a transient error, retrying in {args.RetryDelay.TotalSeconds:0.#} s: {Describe(failed.Error)}", CancellationToken.None);
                attempt++;
                // The retry rejects again what the ledger does not skip: stored once.
                await rejects.BeginAttemptAsync(CancellationToken.None);
            },
        }).Build();
        try
        {
            return await pipeline.ExecuteAsync(async ct => await Once(ct), cancellationToken);
        }
        finally
        {
            await warnings.FlushAsync(recorder, run.Id);
        }
    }

    /// <summary>Transient. A retry never duplicates rows: it continues the same load, and the destination's batch ledger
    /// makes it skip what the failed attempt committed.</summary>
    private static bool Retryable(FlowRunResult result) => TransientFailures.IsTransient(result.Error);

    /// <summary>A flow's key in its destination's batch ledger: its id, which survives a rename.</summary>
    internal static string FlowKey(int flowId) => flowId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The partition offsets the flow's message loads have committed, by its destination's batch ledger.</summary>
    internal async Task<CommittedRanges> LoadedMessagesAsync(int flowId, CancellationToken cancellationToken)
    {
        var destination = (await definitions.LoadAsync(flowId, cancellationToken)).Definition.Destination;
        var ledger = new LoadLedger(FlowKey(flowId), FlowRunner.MessageLoad, Guid.Empty) { Whole = [] };
        return await loaders.Create(destination.Provider).OpenLedgerAsync(destination, ledger, cancellationToken);
    }

    /// <summary>A Running run of the flow other than <paramref name="runId"/> that still beats.</summary>
    internal async Task<Guid?> LiveRunOfFlowAsync(int flowId, Guid runId, CancellationToken cancellationToken)
    {
        var since = recorder.UtcNow.AddSeconds(-options.Value.AbandonAfterSeconds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.FlowId == flowId && r.Id != runId && r.Status == RunStatus.Running && (r.HeartbeatUtc >= since || r.Partitions > 0))
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    internal Task NotifyFailureAsync(Guid runId) => failures.NotifyAsync(runId, CancellationToken.None);

    private static FlowRunResult Partial(RunProgressTracker progress)
    {
        var p = progress.Latest;
        return new FlowRunResult
        {
            Succeeded = false, RowsRead = p.RowsRead, RowsWritten = p.RowsWritten, RowsRejected = p.RowsRejected, RowsSkipped = p.RowsSkipped, RowsFiltered = p.RowsFiltered,
        };
    }

    internal static string? Describe(Exception? e) => e switch
    {
        null => null,
        EtlDataException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
