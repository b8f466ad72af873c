using EtlStudio.Data.Entities;
using Hangfire;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Jobs;

/// <summary>The Hangfire job that executes one queued run: Queued → Running → Succeeded / Failed / Cancelled.</summary>
/// <remarks>
/// <para>One run of a flow at a time, across instances: the run first takes the flow's lock (<see cref="FlowLock"/>).
/// A second trigger waits up to <c>Runtime:FlowLockWaitSeconds</c> (its note says "waiting: …"); when the flow is
/// still busy after that it ends Cancelled with the note "skipped: flow X already running (run id)". Skipping rather
/// than queueing without end keeps a slow flow from piling up scheduled runs; the history says which and why.</para>
/// <para>Hangfire retries are off for this job (<see cref="AutomaticRetryAttribute"/>): transient failures are retried
/// here, around the engine call, and recorded in the run's log; a run whose process was killed is not re-executed but
/// marked Abandoned by <see cref="AbandonedRunSweeper"/> (re-delivery finds it no longer Queued and does nothing).</para>
/// </remarks>
internal sealed class RunOrchestrator(RunRecorder recorder, RunExecution execution, JobStorage storage, LocalRuns localRuns,
    IRunProgressNotifier notifier, IOptions<RuntimeOptions> options, ILogger<RunOrchestrator> logger)
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
            catch (OperationCanceledException) when (waiting.IsCancellationRequested)
            {
                await EndQueuedAsync(run, RunStatus.Cancelled, cancellationToken.IsCancellationRequested ? "stopped while waiting: the server shut down" : "cancelled while waiting", null);
                return;
            }
            if (flowLock is null) return;
            await using (flowLock)
            {
                if (!await recorder.ClaimAsync(runId, CancellationToken.None)) return;
                await execution.RunClaimedAsync(run, flowId, messages: null, userCancel, cancellationToken);
            }
        }
    }

    /// <summary>The flow's lock, or null when the run was recorded as skipped.</summary>
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
            if (noted && DateTime.UtcNow >= deadline)
            {
                var note = $"skipped: flow {run.FlowName} already running ({(holder is null ? "lock held" : $"run {holder}")})";
                RuntimeLog.RunSkipped(logger, run.Id, flowId, TimeSpan.FromSeconds(o.FlowLockWaitSeconds));
                await EndQueuedAsync(run, RunStatus.Cancelled, note, null);
                return null;
            }
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

    private async Task EndQueuedAsync(FlowRun run, RunStatus status, string? note, string? error)
    {
        if (!await recorder.EndQueuedAsync(run.Id, status, note, error, CancellationToken.None)) return;
        notifier.Publish(new RunUpdate(run.Id, run.FlowId, status, null, 0, 0, 0, null, recorder.UtcNow, error));
        if (status == RunStatus.Failed) await execution.NotifyFailureAsync(run.Id);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
