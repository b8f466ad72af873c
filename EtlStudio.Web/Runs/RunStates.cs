using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Observability;
using EtlStudio.Web.Security.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace EtlStudio.Web.Runs;

/// <summary>The one owner of a run's state (after Hangfire's <c>IBackgroundJobStateChanger</c>): every transition is a
/// conditional statement that names the states it may leave, so two actors that race (Cancel and the executor's claim,
/// the sweeper and a late heartbeat) cannot both win. The acting user comes from <see cref="CurrentUser"/>.</summary>
/// <remarks>
/// <para>Queued → Running (<see cref="ClaimAsync"/>) → Succeeded / Failed / Cancelled (<see cref="CompleteAsync"/>);
/// Queued → Cancelled / Failed / Abandoned without running (<see cref="CancelAsync"/>, <see cref="EndQueuedAsync"/>,
/// <see cref="AbandonQueuedAsync"/>); Running → Abandoned (<see cref="AbandonRunningAsync"/>).</para>
/// <para><see cref="FlowRun.QueuedFlowId"/> is null unless the run is Queued: it is set by <see cref="QueueAsync"/> and
/// cleared by <see cref="Move"/>, which every transition out of Queued goes through.</para>
/// </remarks>
internal sealed class RunStates(IDbContextFactory<EtlDbContext> contexts, CurrentUser user, ExecutorIdentity executor, EtlMetrics metrics, TimeProvider clock)
{
    /// <summary>A run that has not started.</summary>
    public static readonly IReadOnlySet<RunStatus> NotStarted = new HashSet<RunStatus> { RunStatus.Queued };

    /// <summary>A run that executes.</summary>
    public static readonly IReadOnlySet<RunStatus> Executing = new HashSet<RunStatus> { RunStatus.Running };

    /// <summary>States a run is claimed from.</summary>
    public static readonly IReadOnlySet<RunStatus> ClaimFrom = NotStarted;

    /// <summary>States Cancel acts on: a Queued run ends at once, a Running one is asked to stop.</summary>
    public static readonly IReadOnlySet<RunStatus> CancelFrom = new HashSet<RunStatus> { RunStatus.Queued, RunStatus.Running };

    /// <summary>States a run that never started is ended from (also Abandoned by the sweeper).</summary>
    public static readonly IReadOnlySet<RunStatus> EndQueuedFrom = NotStarted;

    /// <summary>States an executed run completes from: Running, or Abandoned when the sweeper's heartbeat backstop gave up
    /// on a process that was only slow to write (its real end is the truth).</summary>
    public static readonly IReadOnlySet<RunStatus> CompleteFrom = new HashSet<RunStatus> { RunStatus.Running, RunStatus.Abandoned };

    /// <summary>The final states <see cref="CompleteAsync"/> records.</summary>
    public static readonly IReadOnlySet<RunStatus> CompleteTo = new HashSet<RunStatus> { RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled };

    /// <summary>The final states a run that never started may end in.</summary>
    public static readonly IReadOnlySet<RunStatus> EndQueuedTo = new HashSet<RunStatus> { RunStatus.Failed, RunStatus.Cancelled };

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a Queued run of a flow, triggered by the current user. With <paramref name="merge"/> (a button
    /// press, a schedule, a resume) a flow has at most one Queued run: the unique <see cref="FlowRun.QueuedFlowId"/> index
    /// decides between two that race, and the existing run is returned with <c>Created</c> false. A Kafka batch is not
    /// merged: it is its own run.</summary>
    public async Task<(FlowRun Run, bool Created)> QueueAsync(RunToQueue what, bool merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(what);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (merge && await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.QueuedFlowId == what.FlowId, cancellationToken) is { } queued)
            {
                return (queued, false);
            }
            var run = new FlowRun
            {
                Id = Guid.CreateVersion7(),
                FlowId = what.FlowId,
                FlowName = what.FlowName,
                GroupId = what.GroupId,
                Trigger = what.Trigger,
                TriggeredBy = Truncate(user.Name),
                Status = RunStatus.Queued,
                QueuedUtc = UtcNow,
                QueuedFlowId = merge ? what.FlowId : null,
                ReplayOfRunId = what.ResumeOf,
                LoadId = what.LoadId,
            };
            db.Runs.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (run, true);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                // Another press queued a run between our check and insert: loop to return that one (it may also have
                // started meanwhile, then we queue a fresh one).
            }
        }
    }

    /// <summary>Queued → Running, recording this process as the run's executor. False when another executor claimed it
    /// first or it was cancelled meanwhile.</summary>
    public async Task<bool> ClaimAsync(FlowRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = UtcNow;
        var name = executor.Name;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await From(db, run.Id, ClaimFrom).Where(r => !r.CancelRequested).ExecuteUpdateAsync(s =>
        {
            Move(s, RunStatus.Running);
            s.SetProperty(r => r.StartedUtc, now).SetProperty(r => r.HeartbeatUtc, now).SetProperty(r => r.Executor, name);
        }, cancellationToken) == 1;
        if (claimed) metrics.RunStarted(run.FlowName, run.Trigger);
        return claimed;
    }

    /// <summary>Cancel by the current user: a Queued run ends Cancelled here and now; a Running one is flagged and its
    /// executor stops it. Says which happened (<see cref="RunCancel.NotActive"/> when the run had ended or does not exist).</summary>
    public async Task<RunCancel> CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var note = $"cancelled by {user.Name}";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endedQueued = await From(db, runId, NotStarted).ExecuteUpdateAsync(s =>
        {
            Move(s, RunStatus.Cancelled);
            s.SetProperty(r => r.CancelRequested, true).SetProperty(r => r.EndedUtc, now).SetProperty(r => r.Note, note);
        }, cancellationToken);
        if (endedQueued == 1)
        {
            await FinishedAsync(db, runId, cancellationToken);
            return RunCancel.EndedQueued;
        }
        var flagged = await From(db, runId, Executing)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true).SetProperty(r => r.Note, note), cancellationToken);
        return flagged == 1 ? RunCancel.RequestedRunning : RunCancel.NotActive;
    }

    /// <summary>Ends a run that never started (flow deleted, cancelled while it waited, job storage refused it) as
    /// Failed or Cancelled. False when it had left Queued meanwhile.</summary>
    public async Task<bool> EndQueuedAsync(Guid runId, RunStatus status, string? note, string? error, CancellationToken cancellationToken)
    {
        Require(EndQueuedTo, status);
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ended = await From(db, runId, EndQueuedFrom).ExecuteUpdateAsync(s =>
        {
            Move(s, status);
            s.SetProperty(r => r.EndedUtc, now).SetProperty(r => r.Note, note).SetProperty(r => r.Error, error);
        }, cancellationToken) == 1;
        if (ended) await FinishedAsync(db, runId, cancellationToken);
        return ended;
    }

    /// <summary>Running → Abandoned, only if its heartbeat is still <paramref name="heartbeatSeen"/> (a run that beat
    /// meanwhile stays Running).</summary>
    public async Task<bool> AbandonRunningAsync(Guid runId, DateTime? heartbeatSeen, string note, string error, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ended = await From(db, runId, Executing).Where(r => r.HeartbeatUtc == heartbeatSeen).ExecuteUpdateAsync(s =>
        {
            Move(s, RunStatus.Abandoned);
            s.SetProperty(r => r.EndedUtc, now).SetProperty(r => r.Note, note).SetProperty(r => r.Error, error);
        }, cancellationToken) == 1;
        if (ended) await FinishedAsync(db, runId, cancellationToken);
        return ended;
    }

    /// <summary>Queued → Abandoned, only if it still points at <paramref name="jobSeen"/> (a waiting run moves to its
    /// next job before the previous one ends).</summary>
    public async Task<bool> AbandonQueuedAsync(Guid runId, string? jobSeen, string note, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ended = await From(db, runId, NotStarted).Where(r => r.JobId == jobSeen).ExecuteUpdateAsync(s =>
        {
            Move(s, RunStatus.Abandoned);
            s.SetProperty(r => r.EndedUtc, now).SetProperty(r => r.Note, note).SetProperty(r => r.Error, "The run was never executed.");
        }, cancellationToken) == 1;
        if (ended) await FinishedAsync(db, runId, cancellationToken);
        return ended;
    }

    /// <summary>Running → a final status, with counts, step timings, staged artifacts, error, note and the log lines
    /// that tell how it went. False when the run was not in a state it completes from.</summary>
    public async Task<bool> CompleteAsync(Guid runId, RunOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Require(CompleteTo, outcome.Status);
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.FirstAsync(r => r.Id == runId, cancellationToken);
        if (!CompleteFrom.Contains(run.Status)) return false;
        run.Status = outcome.Status;
        run.QueuedFlowId = null;
        run.EndedUtc = now;
        run.HeartbeatUtc = now;
        run.Error = outcome.Error;
        if (outcome.Note is not null) run.Note = outcome.Note;
        if (outcome.Result is { } result)
        {
            (run.RowsRead, run.RowsWritten, run.RowsRejected) = (result.RowsRead, result.RowsWritten, result.RowsRejected);
            (run.RowsInserted, run.RowsUpdated, run.RowsDeleted) = (result.RowsInserted, result.RowsUpdated, result.RowsDeleted);
            (run.RowsSkipped, run.RowsFiltered) = (result.RowsSkipped, result.RowsFiltered);
            db.RunSteps.AddRange(result.Steps.Select(step => new FlowRunStep
            {
                RunId = runId,
                Name = step.Step.ToString(),
                Status = outcome.Status,
                StartedUtc = step.Started.UtcDateTime,
                EndedUtc = (step.Started + step.Duration).UtcDateTime,
                DurationMs = (long)Math.Round(step.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero),
            }));
            db.RunArtifacts.AddRange(result.StagedArtifacts.Select(a => new RunArtifact { RunId = runId, Name = a.Name, Location = a.Location, Length = a.Length }));
        }
        db.RunLogs.AddRange(RunStory.Ending(run, outcome.Result).Select(line =>
            new RunLogEntry { RunId = runId, AtUtc = now, Level = line.Level.ToString(), Message = line.Message }));
        await db.SaveChangesAsync(cancellationToken);
        Record(run);
        return true;
    }

    /// <summary>Running (or Abandoned by the backstop) → a final status for a partitioned run, in one conditional
    /// statement that also requires every partition to have ended: when the last partitions end at once on several
    /// instances, exactly one of them records the end (and its log lines and metrics). False for the others.</summary>
    public async Task<bool> CompletePartitionedAsync(Guid runId, RunOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Require(CompleteTo, outcome.Status);
        var now = UtcNow;
        var r0 = outcome.Result ?? new Engine.FlowRunResult { Succeeded = outcome.Status == RunStatus.Succeeded };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = new[] { RunStatus.Queued, RunStatus.Running };
        var ended = await From(db, runId, CompleteFrom).Where(r => !db.RunPartitions.Any(p => p.RunId == runId && open.Contains(p.Status)))
            .ExecuteUpdateAsync(s =>
            {
                Move(s, outcome.Status);
                s.SetProperty(r => r.EndedUtc, now).SetProperty(r => r.HeartbeatUtc, now).SetProperty(r => r.Error, outcome.Error)
                    .SetProperty(r => r.RowsRead, r0.RowsRead).SetProperty(r => r.RowsWritten, r0.RowsWritten).SetProperty(r => r.RowsRejected, r0.RowsRejected)
                    .SetProperty(r => r.RowsFiltered, r0.RowsFiltered).SetProperty(r => r.RowsSkipped, r0.RowsSkipped)
                    .SetProperty(r => r.RowsInserted, r0.RowsInserted).SetProperty(r => r.RowsUpdated, r0.RowsUpdated);
                if (outcome.Note is not null) s.SetProperty(r => r.Note, outcome.Note);
            }, cancellationToken) == 1;
        if (!ended) return false;
        var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == runId, cancellationToken);
        db.RunLogs.AddRange(RunStory.Ending(run, outcome.Result).Select(line =>
            new RunLogEntry { RunId = runId, AtUtc = now, Level = line.Level.ToString(), Message = line.Message }));
        await db.SaveChangesAsync(cancellationToken);
        Record(run);
        return true;
    }

    /// <summary>Every change of <see cref="FlowRun.Status"/> away from Queued goes through here, so the rule
    /// "QueuedFlowId is null unless Queued" is kept in one place.</summary>
    private static void Move(UpdateSettersBuilder<FlowRun> setters, RunStatus to)
    {
        setters.SetProperty(r => r.Status, to);
        if (to != RunStatus.Queued) setters.SetProperty(r => r.QueuedFlowId, (int?)null);
    }

    private static IQueryable<FlowRun> From(EtlDbContext db, Guid runId, IReadOnlySet<RunStatus> from)
    {
        var states = from.ToArray();
        return db.Runs.Where(r => r.Id == runId && states.Contains(r.Status));
    }

    private static void Require(IReadOnlySet<RunStatus> allowed, RunStatus status)
    {
        if (!allowed.Contains(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, $"A run cannot end {status} here; allowed: {string.Join(", ", allowed)}.");
        }
    }

    private async Task FinishedAsync(EtlDbContext db, Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is not null) Record(run);
    }

    /// <summary>A run that ran has a duration; one that never started is counted without one.</summary>
    private void Record(FlowRun run)
    {
        var duration = run.StartedUtc is { } started && run.EndedUtc is { } ended ? ended - started : (TimeSpan?)null;
        metrics.RunFinished(run.FlowName, run.Trigger, run.Status, duration, run.RowsRead, run.RowsWritten, run.RowsRejected);
    }

    private static string Truncate(string name) => name.Length <= Data.Configurations.FieldLengths.User ? name : name[..Data.Configurations.FieldLengths.User];
}
