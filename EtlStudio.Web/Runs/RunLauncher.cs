using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Queues runs (through <see cref="RunStates"/>) and hands them to Hangfire; cancels them. The acting user is
/// <see cref="Security.Authentication.CurrentUser"/>: the portal's or API's signed-in user, else the background actor.</summary>
internal sealed class RunLauncher(IDbContextFactory<EtlDbContext> contexts, RunStates states, IBackgroundJobClient jobs, LocalRuns localRuns,
    IRunProgressNotifier notifier) : IRunLauncher
{
    public async Task<Guid> RunFlowAsync(int flowId, RunTrigger trigger, CancellationToken cancellationToken)
    {
        var flow = await FindFlowAsync(flowId, cancellationToken) ?? throw new KeyNotFoundException($"Flow {flowId} does not exist.");
        var (runId, created) = await QueueAsync(flow, trigger, resume: null, cancellationToken);
        if (created) await EnqueueAsync(runId, () => jobs.Enqueue<RunOrchestrator>(o => o.ExecuteAsync(runId, CancellationToken.None)), cancellationToken);
        return runId;
    }

    public async Task<IReadOnlyList<Guid>> RunGroupAsync(int groupId, RunTrigger trigger, CancellationToken cancellationToken)
    {
        var plan = await QueueGroupAsync(groupId, trigger, cancellationToken) ?? throw new KeyNotFoundException($"Group {groupId} does not exist.");
        if (plan.Created.Count > 0)
        {
            Guid[] created = [.. plan.Created];
            var jobId = jobs.Enqueue<GroupRunJob>(g => g.ExecuteAsync(created, plan.MaxParallelFlows, CancellationToken.None));
            await SetJobIdAsync(created, jobId, cancellationToken);
        }
        return plan.All;
    }

    public async Task<Guid> ResumeAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var original = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new KeyNotFoundException($"Run {runId} does not exist.");
        if (original.FlowId is not { } flowId) throw new InvalidOperationException($"The flow of run {runId} was deleted: there is nothing to load into.");
        if (!original.Status.HasEnded())
        {
            throw new InvalidOperationException($"Run {runId} is still {original.Status.ToString().ToLowerInvariant()}: it can be resumed once it has ended.");
        }
        if (original.Status == RunStatus.Succeeded)
        {
            throw new InvalidOperationException($"Run {runId} succeeded: its load is complete and there is nothing to resume. Run the flow to load its source anew.");
        }
        var flow = await FindFlowAsync(flowId, cancellationToken) ?? throw new KeyNotFoundException($"Flow {flowId} does not exist.");
        var (replayId, created) = await QueueAsync(flow, RunTrigger.Manual, new ResumeOf(runId, original.LoadId ?? original.Id), cancellationToken);
        if (created) await EnqueueAsync(replayId, () => jobs.Enqueue<RunOrchestrator>(o => o.ExecuteAsync(replayId, CancellationToken.None)), cancellationToken);
        return replayId;
    }

    public async Task CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        var cancel = await states.CancelAsync(runId, cancellationToken);
        if (cancel == RunCancel.NotActive) return;
        // Queued: it may be waiting for its flow's lock in this process; Running: the executor here stops at once (one
        // elsewhere sees the flag at its next heartbeat).
        localRuns.TryCancel(runId);
        if (cancel == RunCancel.EndedQueued)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == runId, cancellationToken);
            notifier.Publish(new RunUpdate(runId, run.FlowId, RunStatus.Cancelled, null, 0, 0, 0, null, run.EndedUtc, null));
        }
    }

/// <summary>Queues a run per enabled flow of the group, in order; null when the group does not exist.</summary>
    internal async Task<GroupRunPlan?> QueueGroupAsync(int groupId, RunTrigger trigger, CancellationToken cancellationToken)
    {
        List<QueuedFlow> flows;
        int maxParallel;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => new { g.MaxParallelFlows }).FirstOrDefaultAsync(cancellationToken);
            if (group is null) return null;
            maxParallel = group.MaxParallelFlows;
            flows = await db.Flows.AsNoTracking().Where(f => f.GroupId == groupId && f.Enabled).OrderBy(f => f.Order).ThenBy(f => f.Id)
                .Select(f => new QueuedFlow(f.Id, f.Name, f.GroupId)).ToListAsync(cancellationToken);
        }
        var all = new List<Guid>(flows.Count);
        var created = new List<Guid>(flows.Count);
        foreach (var flow in flows)
        {
            var (runId, isNew) = await QueueAsync(flow, trigger, resume: null, cancellationToken);
            all.Add(runId);
            if (isNew) created.Add(runId);
        }
        return new GroupRunPlan(all, created, maxParallel);
    }

    private async Task<QueuedFlow?> FindFlowAsync(int flowId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Flows.AsNoTracking().Where(f => f.Id == flowId).Select(f => new QueuedFlow(f.Id, f.Name, f.GroupId)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The flow's Queued run, created unless there already is one. A resume queues like any run: a second
    /// press of Resume while the first still waits gives the waiting run.</summary>
    private async Task<(Guid RunId, bool Created)> QueueAsync(QueuedFlow flow, RunTrigger trigger, ResumeOf? resume, CancellationToken cancellationToken)
    {
        var (run, created) = await states.QueueAsync(new RunToQueue(flow.Id, flow.Name, flow.GroupId, trigger, resume?.RunId, resume?.LoadId), merge: true, cancellationToken);
        if (created) notifier.Publish(new RunUpdate(run.Id, flow.Id, RunStatus.Queued, null, 0, 0, 0, null, null, null));
        return (run.Id, created);
    }

    private async Task EnqueueAsync(Guid runId, Func<string> enqueue, CancellationToken cancellationToken)
    {
        string jobId;
        try
        {
            jobId = enqueue();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The job storage refused it: the run would stay Queued forever (and block the flow's next press).
            await states.EndQueuedAsync(runId, RunStatus.Failed, null, $"Could not enqueue the run: {e.Message}", CancellationToken.None);
            throw;
        }
        await SetJobIdAsync([runId], jobId, cancellationToken);
    }

    private async Task SetJobIdAsync(Guid[] runIds, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => runIds.Contains(r.Id) && r.JobId == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), cancellationToken);
    }

    private sealed record QueuedFlow(int Id, string Name, int GroupId);

    /// <summary>The run a resume continues and the load (first run of the chain) whose ledger receipts it honours.</summary>
    private sealed record ResumeOf(Guid RunId, Guid LoadId);
}
