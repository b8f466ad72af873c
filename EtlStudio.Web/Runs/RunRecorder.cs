using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Writes a run's record as it goes: each write is a short statement of its own, so history is visible to
/// every instance while the run executes, and a status change is conditional (a run is claimed by one executor only).</summary>
internal sealed class RunRecorder(IDbContextFactory<EtlDbContext> contexts, ExecutorIdentity executor, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<FlowRun?> FindAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>Queued → Running, recording this process as the run's executor. False when another executor claimed it
    /// first or it was cancelled meanwhile.</summary>
    public async Task<bool> ClaimAsync(Guid runId, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var name = executor.Name;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued && !r.CancelRequested)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.StartedUtc, now)
                .SetProperty(r => r.HeartbeatUtc, now).SetProperty(r => r.QueuedFlowId, (int?)null).SetProperty(r => r.Executor, name), cancellationToken) == 1;
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

    /// <summary>Ends a run that never started (skipped, cancelled while queued, flow gone).</summary>
    public async Task<bool> EndQueuedAsync(Guid runId, RunStatus status, string? note, string? error, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.EndedUtc, now)
                .SetProperty(r => r.QueuedFlowId, (int?)null).SetProperty(r => r.Note, note).SetProperty(r => r.Error, error), cancellationToken) == 1;
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
                .SetProperty(r => r.RowsWritten, progress.RowsWritten).SetProperty(r => r.RowsRejected, progress.RowsRejected).SetProperty(r => r.RowsSkipped, progress.RowsSkipped), cancellationToken);
        return await IsCancelRequestedAsync(db, runId, cancellationToken);
    }

    public async Task<bool> IsCancelRequestedAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await IsCancelRequestedAsync(db, runId, cancellationToken);
    }

    private static Task<bool> IsCancelRequestedAsync(EtlDbContext db, Guid runId, CancellationToken cancellationToken) =>
        db.Runs.Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Rows rejected by an attempt that is retried would otherwise be stored twice.</summary>
    public async Task DeleteRejectsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.RejectedRows.Where(r => r.RunId == runId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Running → a final status, with counts, step timings, staged artifacts, error and note.</summary>
    public async Task CompleteAsync(Guid runId, RunOutcome outcome, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.FirstAsync(r => r.Id == runId, cancellationToken);
        run.Status = outcome.Status;
        run.EndedUtc = now;
        run.HeartbeatUtc = now;
        run.QueuedFlowId = null;
        run.Error = outcome.Error;
        if (outcome.Note is not null) run.Note = outcome.Note;
        if (outcome.Result is { } result)
        {
            (run.RowsRead, run.RowsWritten, run.RowsRejected) = (result.RowsRead, result.RowsWritten, result.RowsRejected);
            (run.RowsInserted, run.RowsUpdated, run.RowsDeleted) = (result.RowsInserted, result.RowsUpdated, result.RowsDeleted);
            run.RowsSkipped = result.RowsSkipped;
            db.RunSteps.AddRange(result.Steps.Select(step => new FlowRunStep
            {
                RunId = runId,
                Name = step.Step.ToString(),
                Status = outcome.Status,
                StartedUtc = step.Started.UtcDateTime,
                EndedUtc = (step.Started + step.Duration).UtcDateTime,
                DurationMs = (long)step.Duration.TotalMilliseconds,
            }));
            db.RunArtifacts.AddRange(result.StagedArtifacts.Select(a => new RunArtifact { RunId = runId, Name = a.Name, Location = a.Location, Length = a.Length }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>How a run ended.</summary>
internal sealed record RunOutcome(RunStatus Status, FlowRunResult? Result, string? Error, string? Note = null);
