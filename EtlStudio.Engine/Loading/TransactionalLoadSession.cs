using System.Data.Common;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading;

/// <summary>The transaction rules every loader follows. Append/Upsert: each batch in its own transaction, committed
/// or rolled back as a whole. TruncateReplace: one transaction from the DELETE (<see cref="OpenAsync"/>) to
/// <see cref="CompleteAsync"/>; disposing before that rolls it back, so the table keeps its old rows. A dry run keeps
/// every mode in one transaction like a replace, and rolls it back at <see cref="CompleteAsync"/>.</summary>
/// <remarks>With a <see cref="Ledger"/>, each batch's receipts are written in the transaction that commits its rows, so
/// a batch is in the table exactly when its receipt is. An atomic ledger load (message batches) keeps every batch in
/// one transaction and commits the load's receipts with it. A batch written inside a transaction that spans batches is
/// guarded by a savepoint, so a batch the server refuses can be rolled back alone and written again in parts.</remarks>
internal abstract class TransactionalLoadSession(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, ILogger logger) : ILoadSession
{
    private readonly int[] _keyOrdinals = destination.Mode == LoadMode.Upsert
        ? [.. target.Keys.Select(k => target.Columns.ToList().FindIndex(c => c.Name == k))]
        : [];
    private DbTransaction? _whole = target.Transaction;
    private bool _completed;
    private long _inserted;
    private long _updated;
    private long _deleted;

    private int _savepoints;

    protected DbConnection Connection { get; } = connection;

    /// <summary>Where batches record their receipts; null records none (dry runs, loads without a ledger).</summary>
    internal BatchLedger? Ledger { get; set; }
    protected DestinationDefinition Destination { get; } = destination;

    /// <summary>True when batches share one transaction (replace or dry run), so per-commit clean-ups do not happen between them.</summary>
    protected bool SpansBatches => _whole is not null;

    public bool CanRewriteRefusedBatch => _whole is null ? Ledger?.Load.IsAtomic != true || Connection.State == System.Data.ConnectionState.Open : _whole.SupportsSavepoints;

    public LoadCounts Counts => new(Volatile.Read(ref _inserted), Volatile.Read(ref _updated), Volatile.Read(ref _deleted));

    public async Task WriteBatchAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        RefuseNullKeys(batch);
        long inserted;
        try
        {
            if (_whole is null && Ledger?.Load.IsAtomic == true && !dryRun)
            {
                _whole = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            }
            if (_whole is not null)
            {
                inserted = await WriteGuardedAsync(batch, _whole, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var transaction = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                inserted = await WriteAsync(batch, transaction, cancellationToken).ConfigureAwait(false);
                if (Ledger is { } ledger) await ledger.RecordAsync(Connection, transaction, BatchReceipt.Of(batch), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Translate(e, batch) is { } error)
        {
            throw error is not LoadRowException && IsRowData(e) ? new LoadRowException(error) : error;
        }
        Interlocked.Add(ref _inserted, inserted);
        Interlocked.Add(ref _updated, batch.Count - inserted);
        LoaderLog.BatchWritten(logger, batch.Count, Destination.Table, Destination.Mode);
    }

    /// <summary>A batch inside the transaction that spans batches, behind a savepoint: when the server refuses it, the
    /// transaction goes back to before the batch (PostgreSQL would otherwise refuse every later statement) and stays usable.</summary>
    private async Task<long> WriteGuardedAsync(RowBatch batch, DbTransaction whole, CancellationToken cancellationToken)
    {
        if (!whole.SupportsSavepoints) return await WriteWholeAsync(batch, whole, cancellationToken).ConfigureAwait(false);
        var savepoint = $"etl_batch_{++_savepoints}";
        await whole.SaveAsync(savepoint, cancellationToken).ConfigureAwait(false);
        try
        {
            var inserted = await WriteWholeAsync(batch, whole, cancellationToken).ConfigureAwait(false);
            await whole.ReleaseAsync(savepoint, cancellationToken).ConfigureAwait(false);
            return inserted;
        }
        catch (Exception e) when (e is not OperationCanceledException && Connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                await whole.RollbackAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // The connection broke: the whole transaction is lost anyway, and the original error says why.
            }
            throw;
        }
    }

    private async Task<long> WriteWholeAsync(RowBatch batch, DbTransaction whole, CancellationToken cancellationToken)
    {
        var inserted = await WriteAsync(batch, whole, cancellationToken).ConfigureAwait(false);
        if (Ledger is { Load.IsAtomic: false } ledger && !dryRun) await ledger.RecordAsync(Connection, whole, BatchReceipt.Of(batch), cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (Ledger is { Load.Whole: { } receipts } atomic && !dryRun)
        {
            // An atomic load with no batch at all (every message skipped or rejected) still commits its receipts.
            _whole ??= await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await atomic.RecordAsync(Connection, _whole, receipts, cancellationToken).ConfigureAwait(false);
        }
        if (_whole is not null)
        {
            try
            {
                if (dryRun) await _whole.RollbackAsync(cancellationToken).ConfigureAwait(false);
                else await _whole.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Translate(e, null) is { } error)
            {
                throw error;
            }
            if (dryRun) LoaderLog.DryRunRolledBack(logger, Destination.Table, Destination.Mode);
            else if (Destination.Mode == LoadMode.TruncateReplace) LoaderLog.Replaced(logger, Destination.Table);
        }
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_whole is not null)
        {
            if (!_completed && !dryRun && Destination.Mode == LoadMode.TruncateReplace) LoaderLog.ReplaceRolledBack(logger, Destination.Table);
            await _whole.DisposeAsync().ConfigureAwait(false);
            // Clean-up statements run outside it (Command joins _whole while it is set).
            _whole = null;
        }
        await CleanUpAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>A row without its key cannot be matched; databases differ on whether such rows collapse or pile up, so
    /// the batch is refused before anything is written.</summary>
    private void RefuseNullKeys(RowBatch batch)
    {
        foreach (var k in _keyOrdinals)
        {
            for (var r = 0; r < batch.Count; r++)
            {
                if (batch.Rows[r][k] is null)
                {
                    throw LoadRowError.At(Destination.Table, batch, r, k, target.Columns[k].Name, "the key column is null, so the row cannot be upserted.");
                }
            }
        }
    }

    /// <summary>Called once the session is set up: opens the transaction that spans the load (TruncateReplace, or any
    /// mode in a dry run) and, for TruncateReplace, empties the table inside it, counting the rows it replaces.</summary>
    protected async Task OpenAsync(string deleteAll, CancellationToken cancellationToken)
    {
        if (Destination.Mode != LoadMode.TruncateReplace && !dryRun) return;
        // A dry run that created or altered the table continues the transaction the DDL ran in.
        _whole ??= await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (Destination.Mode == LoadMode.TruncateReplace) _deleted = await ExecuteAsync(deleteAll, _whole, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one batch inside <paramref name="transaction"/> and returns how many of its rows were inserted
    /// (the others updated an existing key).</summary>
    protected abstract Task<long> WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The provider's error as an <see cref="EtlDataException"/> that says where (<see cref="LoadRowError"/>);
    /// null lets it pass unchanged. <paramref name="batch"/> is the batch being written, null at the final commit.</summary>
    protected virtual EtlDataException? Translate(Exception exception, RowBatch? batch) => null;

    /// <summary>Whether the provider's <paramref name="exception"/> refused the batch's data (constraint, conversion,
    /// length) rather than the load itself (permissions, a missing column): only then is the batch split to find rows.</summary>
    protected virtual bool IsRowData(Exception exception) => false;

    /// <summary>Drops what the session created, while the connection is still open.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    protected async Task<int> ExecuteAsync(string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a statement whose single value is a row count.</summary>
    protected async Task<long> CountAsync(string sql, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected DbCommand Command(string sql, DbTransaction? transaction)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        // A statement outside a batch (an upsert temp table) joins the transaction a dry run's DDL opened.
        command.Transaction = transaction ?? _whole;
        command.CommandTimeout = Destination.CommandTimeoutSeconds;
        return command;
    }
}
