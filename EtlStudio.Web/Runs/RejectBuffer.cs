using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Stores a run's rejected rows in batched inserts (one statement per few hundred rows, and before each batch
/// the engine writes), up to a cap per run; every row is still counted by the engine. Optionally keeps them in memory too
/// (Kafka dead-lettering). Another attempt of the same run (a retry, a partition delivered again after its instance died)
/// stores each row once: see <see cref="BeginAttemptAsync"/>.</summary>
internal sealed class RejectBuffer(IDbContextFactory<EtlDbContext> contexts, Guid runId, int maxStored, bool keepInMemory, ILogger logger)
    : IRejectSink, IAsyncDisposable
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RejectedRowRecord> _pending = [];
    private readonly List<RejectedRow> _kept = [];
    private HashSet<(string? Origin, long Row)>? _storedBefore;
    private int _stored;

    public IReadOnlyList<RejectedRow> Kept => _kept;

    public async ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (keepInMemory) _kept.Add(row);
            var origin = Truncate(row.Origin, Data.Configurations.FieldLengths.Path);
            if (_storedBefore is { } before && before.Contains((origin, row.RowNumber))) return;
            if (_stored + _pending.Count >= maxStored) return;
            _pending.Add(new RejectedRowRecord
            {
                RunId = runId,
                Origin = origin,
                RowNumber = row.RowNumber,
                Column = Truncate(row.Column, Data.Configurations.FieldLengths.Column),
                Value = row.Value,
                Reason = row.Reason,
            });
            if (_pending.Count >= BatchSize) await FlushLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes what is pending.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await FlushLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Another attempt of the run begins, which rejects again the rows its ledger does not skip: what is pending
    /// is stored, what is kept in memory is forgotten, and a row (origin and record) the run already stored — by an
    /// earlier attempt in this process or by one whose instance died — is not stored again. Rows that a committed
    /// batch covers are skipped by the new attempt; they were stored before that batch committed.</summary>
    public async Task BeginAttemptAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await FlushLockedAsync(cancellationToken);
            _kept.Clear();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var stored = await db.RejectedRows.AsNoTracking().Where(r => r.RunId == runId)
                .Select(r => new { r.Origin, r.RowNumber }).ToListAsync(cancellationToken);
            _storedBefore = stored.Select(r => (r.Origin, r.RowNumber)).ToHashSet();
            _stored = stored.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FlushLockedAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.RejectedRows.AddRange(_pending);
            await db.SaveChangesAsync(cancellationToken);
            _stored += _pending.Count;
        }
        catch (DbUpdateException e)
        {
            // The rejects are a diagnosis aid; losing some must not fail a load that is otherwise fine.
            RuntimeLog.RejectsNotStored(logger, runId, e);
        }
        _pending.Clear();
    }

    private static string? Truncate(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        _gate.Dispose();
    }
}
