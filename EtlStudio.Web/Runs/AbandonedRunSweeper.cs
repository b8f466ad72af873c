using System.Globalization;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Runs;

/// <summary>Marks runs that can no longer finish as Abandoned, every minute (recurring job) and once at start-up:
/// <list type="bullet">
/// <item>Running runs whose executor (<see cref="ExecutorIdentity"/>) is dead, at once: at start-up, those of this
/// machine whose process is gone (a <c>kill -9</c> and a restart); every sweep, those whose executor has no live Hangfire
/// server and that missed three heartbeats (a lost host; the heartbeats keep a server that is slow to announce itself
/// from losing its runs);</item>
/// <item>Running runs whose heartbeat is older than <c>Runtime:AbandonAfterSeconds</c>, the backstop (runs claimed
/// before executors were recorded, a storage that cannot list its servers, a process that runs but cannot write);</item>
/// <item>Queued runs whose Hangfire job ended (or vanished, or was never enqueued) without running them, so no run stays
/// Queued forever and blocks its flow's Run now, which returns the queued run. A run waiting for its flow points at the
/// job that looks again later, so it is left alone.</item>
/// </list>
/// Abandoned runs are not re-executed: a half-done load is for a person to look at (Replay, Run now), and the failure
/// webhook tells them. The note says how many rows the run had committed at its last heartbeat.</summary>
internal sealed class AbandonedRunSweeper(IDbContextFactory<EtlDbContext> contexts, RunStates states, JobStorage storage, FailureNotifier failures,
    IRunProgressNotifier notifier, LocalRuns localRuns, PartitionStore partitions, PartitionedRuns partitioned, ExecutorIdentity self, IOptions<RuntimeOptions> options, TimeProvider clock,
    ILogger<AbandonedRunSweeper> logger)
{
    public const string RecurringJobId = "etl:abandoned-runs";

    /// <summary>A Hangfire server that has not beaten for this long is gone, whether or not a watchdog removed it yet
    /// (the scheduling set-up, <c>AddScheduling</c>, sets the heartbeat interval).</summary>
    internal static readonly TimeSpan ServerGoneAfter = TimeSpan.FromMinutes(1);

    private const string KilledError = "The run stopped without finishing (process killed or host lost).";
    private const string StalledError = "The run stopped reporting progress while its process kept running (see that process's log).";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    public Task SweepAsync(CancellationToken cancellationToken) => SweepAsync(atStartUp: false, cancellationToken);

    /// <summary>The start-up pass: also abandons runs of this machine whose process is gone, without waiting.</summary>
    public Task SweepAtStartUpAsync(CancellationToken cancellationToken) => SweepAsync(atStartUp: true, cancellationToken);

    private async Task SweepAsync(bool atStartUp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var cutoff = now.AddSeconds(-o.AbandonAfterSeconds);
        var missedBeats = now.AddSeconds(-3 * o.HeartbeatSeconds);
        var servers = LiveServers(now);
        var marked = new List<Guid>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.Runs.Where(r => r.Status == RunStatus.Running)
            .Select(r => new { r.Id, r.FlowId, r.FlowName, r.HeartbeatUtc, r.StartedUtc, r.QueuedUtc, r.Executor, r.RowsWritten, r.Partitions })
            .ToListAsync(cancellationToken);
        // A partitioned run lives while its partitions do, on any instance: it is never abandoned, its lost partitions
        // are handed to new jobs instead (its last partition ends it).
        foreach (var run in running.Where(r => r.Partitions > 0))
        {
            await RepairPartitionsAsync(run.Id, missedBeats, cancellationToken);
        }
        foreach (var run in running.Where(r => r.Partitions == 0 && !localRuns.IsRunningHere(r.Id)))
        {
            var executor = run.Executor;
            var serverLive = executor is not null && servers?.Any(s => ExecutorIdentity.IsServerOf(executor, s)) == true;
            var dead = executor is not null && executor != self.Name && (
                (atStartUp && self.IsDeadOnThisMachine(executor, run.StartedUtc ?? run.QueuedUtc))
                || (servers is not null && !serverLive && (run.HeartbeatUtc is null || run.HeartbeatUtc < missedBeats)));
            string note;
            var stillRuns = !dead && (serverLive || executor == self.Name);
            if (dead)
            {
                note = $"abandoned: its process ({executor}) stopped";
            }
            else if (run.HeartbeatUtc is null || run.HeartbeatUtc < cutoff)
            {
                var since = run.HeartbeatUtc is { } beat ? beat.ToString("u", CultureInfo.InvariantCulture) : "start";
                note = stillRuns
                    ? $"abandoned: no heartbeat since {since}; its process ({executor}) still runs but stopped recording the run (see that process's log)"
                    : $"abandoned: no heartbeat since {since} (its process stopped)";
            }
            else
            {
                continue;
            }
            if (run.RowsWritten > 0)
            {
                note += string.Create(CultureInfo.InvariantCulture,
                    $"; {run.RowsWritten} rows were committed before {(stillRuns ? "it stopped recording" : "the process stopped")}");
            }
            if (await states.AbandonRunningAsync(run.Id, run.HeartbeatUtc, note, stillRuns ? StalledError : KilledError, cancellationToken))
            {
                Mark(run.Id, run.FlowId, run.FlowName, note);
            }
        }
        // A Kafka batch waits for its flow's lock without a Hangfire job, for at most the lock wait: older than that
        // (plus the abandon age), a queued run without a live job is not waiting any more.
        var queuedCutoff = cutoff.AddSeconds(-o.FlowLockWaitSeconds);
        var queued = await db.Runs.Where(r => r.Status == RunStatus.Queued && r.QueuedUtc < queuedCutoff)
            .Select(r => new { r.Id, r.FlowId, r.FlowName, r.JobId }).ToListAsync(cancellationToken);
        foreach (var run in queued.Where(r => !localRuns.IsRunningHere(r.Id)))
        {
            if (JobEnded(run.JobId) is not { } why) continue;
            var note = $"abandoned: never executed ({why})";
            if (await states.AbandonQueuedAsync(run.Id, run.JobId, note, cancellationToken)) Mark(run.Id, run.FlowId, run.FlowName, note);
        }
        foreach (var id in marked) await failures.NotifyAsync(id, cancellationToken);

        void Mark(Guid runId, int? flowId, string flowName, string note)
        {
            marked.Add(runId);
            RecoveryLog.RunAbandoned(logger, runId, flowName, note);
            notifier.Publish(new RunUpdate(runId, flowId, RunStatus.Abandoned, null, 0, 0, 0, null, now, note));
        }
    }

    /// <summary>In-flight partitions whose Hangfire job ended or vanished without ending them (a job lost between the
    /// hand-out and Hangfire, or a dead instance on a storage that does not deliver again) get a new job; a Running one
    /// only once it missed three heartbeats. A job Hangfire still holds is left to it: it delivers a dead instance's job
    /// again (<see cref="Scheduling.JobStorageFactory.RedeliverAfter"/>).</summary>
    private async Task RepairPartitionsAsync(Guid runId, DateTime missedBeats, CancellationToken cancellationToken)
    {
        foreach (var p in await partitions.ListAsync(runId, cancellationToken))
        {
            if (p.Slot is null || p.Status.HasEnded()) continue;
            if (p.Status == RunStatus.Running && p.HeartbeatUtc >= missedBeats) continue;
            if (JobEnded(p.JobId) is not { } why) continue;
            if (!await partitions.RequeueAsync(p.Id, p.JobId, p.HeartbeatUtc, cancellationToken)) continue;
            PartitionLog.PartitionRequeued(logger, runId, p.Index, why);
            await partitioned.EnqueueAsync(p.Id, p.JobId, cancellationToken);
        }
        await partitioned.AdvanceAsync(runId, cancellationToken);
    }

    /// <summary>Names of the Hangfire servers that beat recently, or null when the storage cannot say.</summary>
    private List<string>? LiveServers(DateTime now)
    {
        try
        {
            return [.. storage.GetMonitoringApi().Servers()
                .Where(s => s.Heartbeat is not { } beat || ToUtc(beat) >= now - ServerGoneAfter)
                .Select(s => s.Name)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RecoveryLog.ServersUnreadable(logger, e);
            return null;
        }
    }

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;

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
