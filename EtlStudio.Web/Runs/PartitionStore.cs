using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>The partitions of partitioned runs in the configuration database: each change is one conditional statement,
/// so instances that race (two hand-outs of the last slot, a re-delivered job and a slow original) cannot both win.</summary>
internal sealed class PartitionStore(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Records the run's partitions (Queued, no slot) and their number on the run.</summary>
    public Task CreateAsync(Guid runId, IReadOnlyList<IReadOnlyList<string>> chunks, CancellationToken cancellationToken) =>
        AddAsync(runId, [.. chunks.Select((files, i) => new RunPartition
        {
            RunId = runId, Index = i, Files = string.Join('\n', files), FileCount = files.Count, Status = RunStatus.Queued,
        })], cancellationToken);

    /// <summary>Records a query run's partitions, one per range (<see cref="StoredRange"/>), in order.</summary>
    public Task CreateRangesAsync(Guid runId, IReadOnlyList<string> ranges, CancellationToken cancellationToken) =>
        AddAsync(runId, [.. ranges.Select((range, i) => new RunPartition { RunId = runId, Index = i, Files = "", Range = range, Status = RunStatus.Queued })],
            cancellationToken);

    private async Task AddAsync(Guid runId, IReadOnlyList<RunPartition> partitions, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.RunPartitions.AddRange(partitions);
        await db.SaveChangesAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Partitions, partitions.Count), cancellationToken);
    }

    public async Task<RunPartition?> FindAsync(long partitionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunPartitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partitionId, cancellationToken);
    }

    public async Task<List<RunPartition>> ListAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunPartitions.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Index).ToListAsync(cancellationToken);
    }

    /// <summary>Gives the next waiting partition a free slot (of <paramref name="inFlight"/>) and returns it; null when every
    /// slot is taken or nothing waits. The unique (run, slot) index decides between instances that race.</summary>
    public async Task<long?> ClaimSlotAsync(Guid runId, int inFlight, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= inFlight; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var used = await db.RunPartitions.Where(p => p.RunId == runId && p.Slot != null).Select(p => p.Slot!.Value).ToListAsync(cancellationToken);
            if (used.Count >= inFlight) return null;
            var next = await db.RunPartitions.Where(p => p.RunId == runId && p.Status == RunStatus.Queued && p.Slot == null)
                .OrderBy(p => p.Index).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (next is not { } id) return null;
            var slot = Enumerable.Range(0, inFlight).First(s => !used.Contains(s));
            try
            {
                if (await db.RunPartitions.Where(p => p.Id == id && p.Status == RunStatus.Queued && p.Slot == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Slot, slot), cancellationToken) == 1) return id;
            }
            catch (Exception e) when (new DbUpdateException(e.Message, e).IsUniqueViolation())
            {
                // Another instance took that slot between our read and write: look again.
            }
        }
        return null;
    }

    /// <summary>Points an in-flight partition at its Hangfire job, unless it moved on (or was re-pointed) meanwhile.</summary>
    public async Task<bool> SetJobAsync(long partitionId, string? jobSeen, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunPartitions.Where(p => p.Id == partitionId && p.JobId == jobSeen && p.Slot != null
                && (p.Status == RunStatus.Queued || p.Status == RunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.JobId, jobId), cancellationToken) == 1;
    }

    /// <summary>Queued (in flight) → Running on this executor; also takes over a Running partition whose heartbeat is older
    /// than <paramref name="staleBefore"/> (its instance died and Hangfire delivered the job again). False when it ended
    /// or still runs elsewhere.</summary>
    public async Task<bool> StartAsync(long partitionId, string executor, DateTime staleBefore, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunPartitions.Where(p => p.Id == partitionId && p.Slot != null
                && (p.Status == RunStatus.Queued || (p.Status == RunStatus.Running && (p.HeartbeatUtc == null || p.HeartbeatUtc < staleBefore))))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, RunStatus.Running).SetProperty(p => p.Executor, executor)
                .SetProperty(p => p.StartedUtc, now).SetProperty(p => p.HeartbeatUtc, now).SetProperty(p => p.EndedUtc, (DateTime?)null)
                .SetProperty(p => p.Attempts, p => p.Attempts + 1), cancellationToken) == 1;
    }

    /// <summary>Writes the partition's heartbeat and counts, and the run's heartbeat with the sums of all its partitions;
    /// returns whether Cancel was requested on the run.</summary>
    public async Task<bool> HeartbeatAsync(long partitionId, Guid runId, string executor, PartitionCounts counts, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.RunPartitions.Where(p => p.Id == partitionId && p.Status == RunStatus.Running && p.Executor == executor)
            .ExecuteUpdateAsync(s => Counts(s, counts).SetProperty(p => p.HeartbeatUtc, now), cancellationToken);
        await SumIntoRunAsync(db, runId, now, cancellationToken);
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Running (on this executor) → an end state, freeing its slot. False when another executor took it over.</summary>
    public async Task<bool> EndAsync(long partitionId, Guid runId, string executor, RunStatus status, PartitionCounts counts, string? error, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ended = await db.RunPartitions.Where(p => p.Id == partitionId && p.Status == RunStatus.Running && p.Executor == executor)
            .ExecuteUpdateAsync(s => Counts(s, counts).SetProperty(p => p.Status, status).SetProperty(p => p.Slot, (int?)null)
                .SetProperty(p => p.EndedUtc, now).SetProperty(p => p.HeartbeatUtc, now).SetProperty(p => p.Error, error), cancellationToken) == 1;
        if (ended) await SumIntoRunAsync(db, runId, now, cancellationToken);
        return ended;
    }

    /// <summary>Queued (in flight or waiting) → Cancelled without running: the run was cancelled or has ended.</summary>
    public async Task<int> CancelQueuedAsync(Guid runId, long? onlyPartition, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunPartitions.Where(p => p.RunId == runId && p.Status == RunStatus.Queued && (onlyPartition == null || p.Id == onlyPartition))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, RunStatus.Cancelled).SetProperty(p => p.Slot, (int?)null)
                .SetProperty(p => p.EndedUtc, now).SetProperty(p => p.Error, "not started: the run was cancelled"), cancellationToken);
    }

    /// <summary>A partition whose job will not run it any more (lost before it reached Hangfire, or its instance died on a
    /// storage that does not deliver again) goes back to Queued, keeping its slot, for a new job.</summary>
    public async Task<bool> RequeueAsync(long partitionId, string? jobSeen, DateTime? heartbeatSeen, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RunPartitions.Where(p => p.Id == partitionId && p.JobId == jobSeen && p.HeartbeatUtc == heartbeatSeen && p.Slot != null
                && (p.Status == RunStatus.Queued || p.Status == RunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, RunStatus.Queued), cancellationToken) == 1;
    }

    private static async Task SumIntoRunAsync(EtlDbContext db, Guid runId, DateTime now, CancellationToken cancellationToken)
    {
        var parts = db.RunPartitions.Where(p => p.RunId == runId);
        await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.HeartbeatUtc, now)
            .SetProperty(r => r.RowsRead, r => parts.Sum(p => p.RowsRead))
            .SetProperty(r => r.RowsWritten, r => parts.Sum(p => p.RowsWritten))
            .SetProperty(r => r.RowsRejected, r => parts.Sum(p => p.RowsRejected))
            .SetProperty(r => r.RowsFiltered, r => parts.Sum(p => p.RowsFiltered))
            .SetProperty(r => r.RowsSkipped, r => parts.Sum(p => p.RowsSkipped)), cancellationToken);
    }

    private static Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<RunPartition> Counts(
        Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<RunPartition> s, PartitionCounts c) => s
        .SetProperty(p => p.RowsRead, c.RowsRead).SetProperty(p => p.RowsWritten, c.RowsWritten).SetProperty(p => p.RowsRejected, c.RowsRejected)
        .SetProperty(p => p.RowsFiltered, c.RowsFiltered).SetProperty(p => p.RowsSkipped, c.RowsSkipped)
        .SetProperty(p => p.RowsInserted, c.RowsInserted).SetProperty(p => p.RowsUpdated, c.RowsUpdated);
}
