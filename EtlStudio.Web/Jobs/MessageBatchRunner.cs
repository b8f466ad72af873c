using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Kafka;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Jobs;

/// <summary>Runs one Kafka micro-batch as one run (trigger Kafka) in the caller, under the flow's lock like any run.
/// The caller stores offsets only when the result says Succeeded; rejected messages come back for dead-lettering.</summary>
internal sealed class MessageBatchRunner(IDbContextFactory<EtlDbContext> contexts, RunOrchestrator orchestrator, RunExecution execution,
    RunRecorder recorder, LocalRuns localRuns, TimeProvider clock) : IMessageBatchRunner
{
    public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(messages);
        var run = await CreateRunAsync(trigger, cancellationToken);
        using var userCancel = new CancellationTokenSource();
        using (localRuns.Register(run.Id, userCancel))
        {
            await using var flowLock = await orchestrator.AcquireAsync(run, trigger.FlowId, cancellationToken);
            if (flowLock is null || !await recorder.ClaimAsync(run.Id, CancellationToken.None))
            {
                var skipped = await recorder.FindAsync(run.Id, CancellationToken.None);
                return new MessageBatchResult(run.Id, false, [], new InvalidOperationException(skipped?.Note ?? $"run {run.Id} did not start"));
            }
            var end = await execution.RunClaimedAsync(run, trigger.FlowId, messages, userCancel, cancellationToken);
            return new MessageBatchResult(run.Id, end.Status == RunStatus.Succeeded, end.Rejected, end.Status == RunStatus.Succeeded ? null : end.Error
                ?? new InvalidOperationException($"run {run.Id} ended {end.Status}"));
        }
    }

    public Task<CommittedRanges> LoadedAsync(KafkaTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return execution.LoadedMessagesAsync(trigger.FlowId, cancellationToken);
    }

    private async Task<FlowRun> CreateRunAsync(KafkaTrigger trigger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.AsNoTracking().Where(f => f.Id == trigger.FlowId).Select(f => new { f.Name, f.GroupId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Flow {trigger.FlowId} of the trigger on topic {trigger.Topic} does not exist.");
        // Not QueuedFlowId: a batch is not a button press, and must not be merged with a queued Run now.
        var run = new FlowRun
        {
            Id = Guid.CreateVersion7(),
            FlowId = trigger.FlowId,
            FlowName = flow.Name,
            GroupId = flow.GroupId,
            Trigger = RunTrigger.Kafka,
            TriggeredBy = $"kafka:{trigger.Topic}"[..Math.Min(trigger.Topic.Length + 6, Data.Configurations.FieldLengths.User)],
            Status = RunStatus.Queued,
            QueuedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }
}
