using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading;

/// <summary>The transaction rules every loader follows. Append/Upsert: each batch in its own transaction, committed
/// or rolled back as a whole. TruncateReplace: one transaction from the DELETE (<see cref="BeginReplaceAsync"/>) to
/// <see cref="CompleteAsync"/>; disposing before that rolls it back, so the table keeps its old rows.</summary>
internal abstract class TransactionalLoadSession(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger) : ILoadSession
{
    private readonly int[] _keyOrdinals = destination.Mode == LoadMode.Upsert
        ? [.. target.Keys.Select(k => target.Columns.ToList().FindIndex(c => c.Name == k))]
        : [];
    private DbTransaction? _replace;
    private bool _completed;

    protected DbConnection Connection { get; } = connection;
    protected DestinationDefinition Destination { get; } = destination;

    public async Task WriteBatchAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        RefuseNullKeys(batch);
        try
        {
            if (_replace is not null)
            {
                await WriteAsync(batch, _replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var transaction = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await WriteAsync(batch, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Translate(e) is { } error)
        {
            throw error;
        }
        LoaderLog.BatchWritten(logger, batch.Count, Destination.Table, Destination.Mode);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_replace is not null)
        {
            try
            {
                await _replace.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Translate(e) is { } error)
            {
                throw error;
            }
            LoaderLog.Replaced(logger, Destination.Table);
        }
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_replace is not null)
        {
            if (!_completed) LoaderLog.ReplaceRolledBack(logger, Destination.Table);
            await _replace.DisposeAsync().ConfigureAwait(false);
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
                    throw new EtlDataException($"batch row {r + 1}: the key column is null, so the row cannot be upserted.", Destination.Table, null, target.Columns[k].Name);
                }
            }
        }
    }

    /// <summary>Opens the replace transaction and empties the table inside it.</summary>
    protected async Task BeginReplaceAsync(string deleteAll, CancellationToken cancellationToken)
    {
        _replace = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(deleteAll, _replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one batch inside <paramref name="transaction"/>.</summary>
    protected abstract Task WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The provider's error as an <see cref="EtlDataException"/> naming the table; null lets it pass unchanged.</summary>
    protected virtual EtlDataException? Translate(Exception exception) => null;

    /// <summary>Drops what the session created, while the connection is still open.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    protected async Task ExecuteAsync(string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = Destination.CommandTimeoutSeconds;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
