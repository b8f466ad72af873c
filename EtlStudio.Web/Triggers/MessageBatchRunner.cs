using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Triggers;

/// <summary>Runs one Kafka micro-batch as one run (trigger Kafka) in the caller. The caller stores offsets only when the
/// result says Succeeded; rejected messages come back for dead-lettering.</summary>
/// <remarks>Batches of an Append or Upsert flow take no lock: batches of other partitions load beside them, on this
/// instance and on others (<see cref="PartitionParallelism"/> says why that is safe). A TruncateReplace flow's batch takes
/// the flow's lock like any run. A batch has no Hangfire job to re-schedule: it waits for a busy flow in the consumer, up to
/// <c>Runtime:FlowLockWaitSeconds</c> (well below librdkafka's <c>max.poll.interval.ms</c>). Still busy after that, or
/// the server shutting down, and the run that never started is removed and the batch is not Succeeded, so the consumer
/// reads it again later and it gets a run when it runs. It is never recorded as Cancelled unless someone cancelled it.</remarks>
internal sealed class MessageBatchRunner(IDbContextFactory<EtlDbContext> contexts, RunStates states, RunOrchestrator orchestrator, RunExecution execution, IncompleteStagingCleanup staging,
    RunRecorder recorder, LocalRuns localRuns, IOptions<RuntimeOptions> options, ILogger<MessageBatchRunner> logger) : IMessageBatchRunner
{
    public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(messages);
        var (run, mode) = await CreateRunAsync(trigger, cancellationToken);
        using var userCancel = new CancellationTokenSource();
        using (localRuns.Register(run.Id, userCancel))
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, userCancel.Token);
            if (!PartitionParallelism.NeedsFlowLock(mode)) return await RunUnlockedAsync(run, trigger.FlowId, messages, userCancel, cancellationToken);
            FlowLock? flowLock;
            try
            {
                flowLock = await orchestrator.AcquireAsync(run, trigger.FlowId, waiting.Token);
            }
            catch (OperationCanceledException) when (userCancel.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                flowLock = null;
            }
            catch (OperationCanceledException)
            {
                await recorder.DeleteUnstartedAsync(run.Id, CancellationToken.None);
                throw;
            }
            RunEnd? end = null;
            if (flowLock is not null)
            {
                await using (flowLock)
                {
                    if (await states.ClaimAsync(run, CancellationToken.None))
                    {
                        end = await orchestrator.RunClaimedAsync(run, trigger.FlowId, messages, userCancel, cancellationToken);
                    }
                }
            }
            if (end is null) return await NotStartedAsync(run.Id, trigger.FlowId);
            await orchestrator.HandOffAsync(trigger.FlowId);
            return await EndedAsync(run.Id, end);
        }
    }

    /// <summary>An Append or Upsert batch: claimed and run at once, beside the batches of other partitions.</summary>
    private async Task<MessageBatchResult> RunUnlockedAsync(
        FlowRun run, int flowId, IReadOnlyList<SourceMessage> messages, CancellationTokenSource userCancel, CancellationToken cancellationToken)
    {
        // Not claimed: cancelled by a user between queueing and now (the run says so).
        if (!await states.ClaimAsync(run, CancellationToken.None)) return await NotStartedAsync(run.Id, flowId);
        var end = await orchestrator.RunClaimedAsync(run, flowId, messages, userCancel, cancellationToken);
        return await EndedAsync(run.Id, end);
    }

    private async Task<MessageBatchResult> EndedAsync(Guid runId, RunEnd end)
    {
        await staging.AfterRunAsync(runId, end.Status);
        return new MessageBatchResult(runId, end.Status == RunStatus.Succeeded, end.Rejected, end.Status == RunStatus.Succeeded ? null : end.Error
            ?? new InvalidOperationException($"run {runId} ended {end.Status}"));
    }

    public Task<CommittedRanges> LoadedAsync(KafkaTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return execution.LoadedMessagesAsync(trigger.FlowId, cancellationToken);
    }

    /// <summary>The batch did not run: cancelled while it waited (the run says by whom), or the flow stayed busy (the run
    /// is removed: the batch is read again and gets a run of its own when it runs).</summary>
    private async Task<MessageBatchResult> NotStartedAsync(Guid runId, int flowId)
    {
        var run = await recorder.FindAsync(runId, CancellationToken.None);
        string? why = run?.Note;
        if (run?.Status == RunStatus.Queued)
        {
            RecoveryLog.BatchDeferred(logger, runId, flowId, TimeSpan.FromSeconds(options.Value.FlowLockWaitSeconds));
            await recorder.DeleteUnstartedAsync(runId, CancellationToken.None);
            why = $"{run.Note ?? $"flow {run.FlowName} busy"}: the batch is read again later";
        }
        return new MessageBatchResult(runId, false, [], new InvalidOperationException(why ?? $"run {runId} did not start"));
    }

    /// <summary>The batch's Queued run, and the flow's load mode as it is now (it decides the lock).</summary>
    private async Task<(FlowRun Run, LoadMode Mode)> CreateRunAsync(KafkaTrigger trigger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.AsNoTracking().Where(f => f.Id == trigger.FlowId).Select(f => new { f.Name, f.GroupId, f.LoadMode }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Flow {trigger.FlowId} of the trigger on topic {trigger.Topic} does not exist.");
        // Not merged with a queued Run now: a batch is not a button press. The batch acts as its topic.
        using (CurrentUser.ActAs($"kafka:{trigger.Topic}"))
        {
            var (run, _) = await states.QueueAsync(new RunToQueue(trigger.FlowId, flow.Name, flow.GroupId, RunTrigger.Kafka), merge: false, cancellationToken);
            return (run, flow.LoadMode);
        }
    }
}
