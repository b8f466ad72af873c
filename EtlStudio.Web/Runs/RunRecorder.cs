using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Writes what a run does as it goes (notes, log lines, heartbeats, rejects): each write is a short statement of
/// its own, so history is visible to every instance while the run executes. Status changes are not written here: they
/// go through <see cref="RunStates"/>.</summary>
internal sealed class RunRecorder(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<FlowRun?> FindAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>Points a run that still waits (Queued) at the Hangfire job that will look at it next.</summary>
    public async Task<bool> SetWaitingJobAsync(Guid runId, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), cancellationToken) == 1;
    }

    /// <summary>The Hangfire job of the flow's Queued run (Run now, schedule, replay), if it has one.</summary>
    public async Task<string?> QueuedJobOfFlowAsync(int flowId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.QueuedFlowId == flowId && r.Status == RunStatus.Queued).Select(r => r.JobId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Removes a run that never started and never will under this id (a Kafka batch that is read again).</summary>
    public async Task DeleteUnstartedAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Forgets the staged artifacts of a run whose staged files were deleted.</summary>
    public async Task DeleteArtifactsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.RunArtifacts.Where(a => a.RunId == runId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task NoteAsync(Guid runId, string note, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Note, note), cancellationToken);
    }

    public async Task LogAsync(Guid runId, LogLevel level, string message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.RunLogs.Add(new RunLogEntry { RunId = runId, AtUtc = UtcNow, Level = level.ToString(), Message = message });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes the heartbeat and the counts so far; returns whether Cancel was requested meanwhile.</summary>
    public async Task<bool> HeartbeatAsync(Guid runId, RunProgress progress, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatUtc, now).SetProperty(r => r.RowsRead, progress.RowsRead)
                .SetProperty(r => r.RowsWritten, progress.RowsWritten).SetProperty(r => r.RowsRejected, progress.RowsRejected).SetProperty(r => r.RowsSkipped, progress.RowsSkipped)
                .SetProperty(r => r.RowsFiltered, progress.RowsFiltered), cancellationToken);
        return await IsCancelRequestedAsync(db, runId, cancellationToken);
    }

    public async Task<bool> IsCancelRequestedAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await IsCancelRequestedAsync(db, runId, cancellationToken);
    }

    private static Task<bool> IsCancelRequestedAsync(EtlDbContext db, Guid runId, CancellationToken cancellationToken) =>
        db.Runs.Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefaultAsync(cancellationToken);
}
