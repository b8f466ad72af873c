using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Jobs;

/// <summary>Marks Running runs whose heartbeat is older than <c>Runtime:AbandonAfterSeconds</c> as Abandoned: their
/// process was killed (a live run beats every <c>Runtime:HeartbeatSeconds</c>). Runs every minute as a recurring job
/// and once at start-up, so no run stays Running forever. Abandoned runs are not re-executed: a half-done load is for
/// a person to look at (Replay, Run now), and a failure webhook tells them.</summary>
internal sealed class AbandonedRunSweeper(IDbContextFactory<EtlDbContext> contexts, FailureNotifier failures, IRunProgressNotifier notifier,
    LocalRuns localRuns, IOptions<RuntimeOptions> options, TimeProvider clock, ILogger<AbandonedRunSweeper> logger)
{
    public const string RecurringJobId = "etl:abandoned-runs";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddSeconds(-options.Value.AbandonAfterSeconds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stale = await db.Runs.Where(r => r.Status == RunStatus.Running && (r.HeartbeatUtc == null || r.HeartbeatUtc < cutoff))
            .Select(r => new { r.Id, r.FlowId, r.HeartbeatUtc }).ToListAsync(cancellationToken);
        var marked = new List<Guid>();
        foreach (var run in stale.Where(r => !localRuns.IsRunningHere(r.Id)))
        {
            var note = $"abandoned: no heartbeat since {(run.HeartbeatUtc is { } beat ? beat.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "start")} (its process stopped)";
            // Conditional on the same stale heartbeat: a run that beat meanwhile stays Running.
            var changed = await db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Running && r.HeartbeatUtc == run.HeartbeatUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Abandoned).SetProperty(r => r.EndedUtc, now)
                    .SetProperty(r => r.Note, note).SetProperty(r => r.Error, "The run stopped without finishing (process killed or host lost)."), cancellationToken);
            if (changed == 0) continue;
            marked.Add(run.Id);
            notifier.Publish(new RunUpdate(run.Id, run.FlowId, RunStatus.Abandoned, null, 0, 0, 0, null, now, note));
        }
        if (marked.Count > 0) RuntimeLog.RunsAbandoned(logger, marked.Count, cutoff);
        foreach (var id in marked) await failures.NotifyAsync(id, cancellationToken);
    }
}
