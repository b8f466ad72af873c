using System.Globalization;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Jobs;

/// <summary>Marks runs that can no longer finish as Abandoned, every minute (recurring job) and once at start-up:
/// <list type="bullet">
/// <item>Running runs whose heartbeat is older than <c>Runtime:AbandonAfterSeconds</c>: their process was killed (a live
/// run beats every <c>Runtime:HeartbeatSeconds</c>), so no run stays Running forever;</item>
/// <item>Queued runs whose Hangfire job ended (or vanished, or was never enqueued) without running them, so no run stays
/// Queued forever and blocks its flow's Run now, which returns the queued run.</item>
/// </list>
/// Abandoned runs are not re-executed: a half-done load is for a person to look at (Replay, Run now), and the failure
/// webhook tells them.</summary>
internal sealed class AbandonedRunSweeper(IDbContextFactory<EtlDbContext> contexts, JobStorage storage, FailureNotifier failures,
    IRunProgressNotifier notifier, LocalRuns localRuns, IOptions<RuntimeOptions> options, TimeProvider clock, ILogger<AbandonedRunSweeper> logger)
{
    public const string RecurringJobId = "etl:abandoned-runs";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddSeconds(-options.Value.AbandonAfterSeconds);
        var marked = new List<Guid>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.Runs.Where(r => r.Status == RunStatus.Running && (r.HeartbeatUtc == null || r.HeartbeatUtc < cutoff))
            .Select(r => new { r.Id, r.FlowId, r.HeartbeatUtc }).ToListAsync(cancellationToken);
        foreach (var run in running.Where(r => !localRuns.IsRunningHere(r.Id)))
        {
            var note = $"abandoned: no heartbeat since {(run.HeartbeatUtc is { } beat ? beat.ToString("u", CultureInfo.InvariantCulture) : "start")} (its process stopped)";
            // Conditional on the same stale heartbeat: a run that beat meanwhile stays Running.
            var changed = await db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Running && r.HeartbeatUtc == run.HeartbeatUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Abandoned).SetProperty(r => r.EndedUtc, now).SetProperty(r => r.Note, note)
                    .SetProperty(r => r.Error, "The run stopped without finishing (process killed or host lost)."), cancellationToken);
            if (changed == 1) Mark(run.Id, run.FlowId, note);
        }
        // A queued run may wait for its flow's lock on another instance (a Kafka batch has no Hangfire job): older than
        // that wait can last, it is not waiting any more.
        var queuedCutoff = cutoff.AddSeconds(-options.Value.FlowLockWaitSeconds);
        var queued = await db.Runs.Where(r => r.Status == RunStatus.Queued && r.QueuedUtc < queuedCutoff)
            .Select(r => new { r.Id, r.FlowId, r.JobId }).ToListAsync(cancellationToken);
        foreach (var run in queued.Where(r => !localRuns.IsRunningHere(r.Id)))
        {
            if (JobEnded(run.JobId) is not { } why) continue;
            var note = $"abandoned: never executed ({why})";
            var changed = await db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Abandoned).SetProperty(r => r.EndedUtc, now).SetProperty(r => r.Note, note)
                    .SetProperty(r => r.QueuedFlowId, (int?)null).SetProperty(r => r.Error, "The run was never executed."), cancellationToken);
            if (changed == 1) Mark(run.Id, run.FlowId, note);
        }
        if (marked.Count > 0) RuntimeLog.RunsAbandoned(logger, marked.Count, cutoff);
        foreach (var id in marked) await failures.NotifyAsync(id, cancellationToken);

        void Mark(Guid runId, int? flowId, string note)
        {
            marked.Add(runId);
            notifier.Publish(new RunUpdate(runId, flowId, RunStatus.Abandoned, null, 0, 0, 0, null, now, note));
        }
    }

    /// <summary>Why the job of a queued run will not run it any more, or null while it still may.</summary>
    private string? JobEnded(string? jobId)
    {
        if (jobId is null) return "it was never handed to Hangfire";
        using var connection = storage.GetConnection();
        return connection.GetJobData(jobId) switch
        {
            null => $"Hangfire job {jobId} no longer exists",
            { State: "Succeeded" or "Failed" or "Deleted" } job => $"Hangfire job {jobId} ended {job.State}",
            _ => null,
        };
    }
}
