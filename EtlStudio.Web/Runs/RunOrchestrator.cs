using EtlStudio.Data.Entities;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Runs;

/// <summary>The Hangfire job that executes one queued run: Queued → Running → Succeeded / Failed / Cancelled.</summary>
/// <remarks>
/// <para>One run of a flow at a time, across instances: the run first takes the flow's lock (<see cref="FlowLock"/>).
/// A second trigger waits in its worker up to <c>Runtime:FlowLockWaitSeconds</c> (its note says "waiting: …"); when the
/// flow is still busy after that, the run stays Queued and gives its worker back: the job is scheduled again
/// <c>Runtime:FlowBusyRecheckSeconds</c> later, and started at once when the holder ends (<see cref="HandOffAsync"/>).
/// Nobody cancelled it, so it is never recorded as Cancelled; and since a flow has at most one Queued run, waiting runs
/// cannot pile up. A server that shuts down while a run waits leaves it Queued the same way.</para>
/// <para>Hangfire retries are off for this job (<see cref="AutomaticRetryAttribute"/>): transient failures are retried
/// here, around the engine call, and recorded in the run's log; a run whose process was killed is not re-executed but
/// marked Abandoned by <see cref="AbandonedRunSweeper"/> (re-delivery finds it no longer Queued and does nothing).</para>
/// </remarks>
internal sealed class RunOrchestrator(RunRecorder recorder, RunStates states, RunExecution execution, IncompleteStagingCleanup staging, JobStorage storage,
    IBackgroundJobClient jobs, LocalRuns localRuns, IRunProgressNotifier notifier, PartitionedRuns partitioned, IOptions<RuntimeOptions> options, ILogger<RunOrchestrator> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await recorder.FindAsync(runId, cancellationToken);
        if (run is null) return;
        if (run.Status != RunStatus.Queued)
        {
            RuntimeLog.RunNotQueued(logger, runId, run.Status.ToString());
            return;
        }
        if (run.FlowId is not { } flowId)
        {
            await EndQueuedAsync(run, RunStatus.Failed, null, $"The flow '{run.FlowName}' was deleted before the run started.");
            return;
        }
        using var userCancel = new CancellationTokenSource();
        using (localRuns.Register(runId, userCancel))
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, userCancel.Token);
            FlowLock? flowLock;
            try
            {
                flowLock = await AcquireAsync(run, flowId, waiting.Token);
            }
            catch (OperationCanceledException) when (userCancel.IsCancellationRequested)
            {
                // Cancel has ended it already (conditional on Queued, so this only closes a race).
                await EndQueuedAsync(run, RunStatus.Cancelled, "cancelled while waiting", null);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await DeferAsync(run, flowId);
                return;
            }
            if (flowLock is null)
            {
                await DeferAsync(run, flowId);
                return;
            }
            RunEnd end;
            await using (flowLock)
            {
                if (!await states.ClaimAsync(run, CancellationToken.None)) return;
                // Split over the instances: the run stays Running (a live run of the flow, so the flow stays busy) and its
                // last partition ends it.
                if (await partitioned.TryStartAsync(run, flowId, CancellationToken.None)) return;
                end = await RunClaimedAsync(run, flowId, messages: null, userCancel, cancellationToken);
            }
            await HandOffAsync(flowId);
            await staging.AfterRunAsync(runId, end.Status);
        }
    }

    /// <summary>Executes a claimed run; when its end cannot be recorded (the configuration database refuses writes),
    /// says so in the log before the job fails, since the run's own record cannot.</summary>
    internal async Task<RunEnd> RunClaimedAsync(FlowRun run, int flowId, IReadOnlyList<Engine.Definitions.SourceMessage>? messages,
        CancellationTokenSource userCancel, CancellationToken shutdown)
    {
        try
        {
            return await execution.RunClaimedAsync(run, flowId, messages, userCancel, shutdown);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RecoveryLog.RunEndNotRecorded(logger, run.Id, run.FlowName, $"{e.GetType().Name}: {(e.InnerException ?? e).Message}", e);
            throw;
        }
    }

    /// <summary>The flow's lock, or null when the flow was still busy after <c>Runtime:FlowLockWaitSeconds</c> (the run
    /// is left Queued with its "waiting: …" note; the caller decides when it looks again).</summary>
    internal async Task<FlowLock?> AcquireAsync(FlowRun run, int flowId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var deadline = DateTime.UtcNow.AddSeconds(o.FlowLockWaitSeconds);
        var noted = false;
        while (true)
        {
            var wait = noted ? Max(deadline - DateTime.UtcNow, TimeSpan.Zero) : TimeSpan.Zero;
            var flowLock = await FlowLock.TryAcquireAsync(storage, flowId, wait, logger, cancellationToken);
            // The storage may have let a lock expire under a run that still beats (PostgreSQL: DistributedLockTimeout):
            // a live Running run of the flow counts as holding it.
            var holder = await execution.LiveRunOfFlowAsync(flowId, run.Id, cancellationToken);
            if (flowLock is not null && holder is null) return flowLock;
            if (flowLock is not null) await flowLock.DisposeAsync();
            if (noted && DateTime.UtcNow >= deadline) return null;
            if (!noted)
            {
                await recorder.NoteAsync(run.Id, $"waiting: flow {run.FlowName} already running ({(holder is null ? "lock held" : $"run {holder}")})", cancellationToken);
                noted = true;
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>Starts the flow's waiting run now, if its job is scheduled for later (it gave its worker back): the
    /// flow has just become free. A waiting run whose job still holds a worker notices by itself.</summary>
    internal async Task HandOffAsync(int flowId)
    {
        string? jobId = null;
        try
        {
            jobId = await recorder.QueuedJobOfFlowAsync(flowId, CancellationToken.None);
            // Only from Scheduled: a job that is enqueued or processing must not be queued twice.
            if (jobId is not null) jobs.ChangeState(jobId, new EnqueuedState(), ScheduledState.StateName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The scheduled time still comes.
            RecoveryLog.HandOffFailed(logger, flowId, jobId ?? "?", e);
        }
    }

    /// <summary>Leaves the run Queued (with its "waiting: …" note) for a job that looks again later. The run points at
    /// the new job before this one ends, so the sweeper never sees it Queued behind a finished job.</summary>
    private async Task DeferAsync(FlowRun run, int flowId)
    {
        var o = options.Value;
        var recheck = TimeSpan.FromSeconds(o.FlowBusyRecheckSeconds);
        var runId = run.Id;
        var jobId = jobs.Schedule<RunOrchestrator>(x => x.ExecuteAsync(runId, CancellationToken.None), recheck);
        if (!await recorder.SetWaitingJobAsync(runId, jobId, CancellationToken.None))
        {
            // Cancelled meanwhile: the scheduled job would find it not Queued anyway.
            jobs.Delete(jobId);
            return;
        }
        RecoveryLog.RunDeferred(logger, runId, flowId, TimeSpan.FromSeconds(o.FlowLockWaitSeconds), recheck);
    }

    private async Task EndQueuedAsync(FlowRun run, RunStatus status, string? note, string? error)
    {
        if (!await states.EndQueuedAsync(run.Id, status, note, error, CancellationToken.None)) return;
        notifier.Publish(new RunUpdate(run.Id, run.FlowId, status, null, 0, 0, 0, null, recorder.UtcNow, error));
        if (status == RunStatus.Failed) await execution.NotifyFailureAsync(run.Id);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
