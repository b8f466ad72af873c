using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Stores a run's rejected rows in batched inserts (one statement per few hundred rows, not per row), up to
/// a cap per run; every row is still counted by the engine. Optionally keeps them in memory too (Kafka dead-lettering).</summary>
internal sealed class RejectBuffer(IDbContextFactory<EtlDbContext> contexts, Guid runId, int maxStored, bool keepInMemory, ILogger logger)
    : IRejectSink, IAsyncDisposable
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RejectedRowRecord> _pending = [];
    private readonly List<RejectedRow> _kept = [];
    private int _stored;

    public IReadOnlyList<RejectedRow> Kept => _kept;

    public async ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (keepInMemory) _kept.Add(row);
            if (_stored + _pending.Count >= maxStored) return;
            _pending.Add(new RejectedRowRecord
            {
                RunId = runId,
                Origin = Truncate(row.Origin, Data.Configurations.FieldLengths.Path),
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
    public async Task FlushAsync(CancellationToken cancellationToken)
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

    /// <summary>Forgets what an attempt rejected before it is retried (the retry rejects the same rows again).</summary>
    public void Reset()
    {
        _pending.Clear();
        _kept.Clear();
        _stored = 0;
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
