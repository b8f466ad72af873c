using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>One load into one SQLite table. Append/Upsert: a transaction per batch. TruncateReplace: one transaction
/// from the DELETE in <see cref="StartAsync"/> to <see cref="CompleteAsync"/>; in WAL mode readers keep seeing the old
/// rows until then.</summary>
internal sealed class SqliteLoadSession : ILoadSession
{
    private readonly SqliteConnection _connection;
    private readonly DestinationDefinition _destination;
    private readonly ILogger _logger;
    private readonly ResolvedTarget _target;
    private readonly SqliteBinding[] _bindings;
    private readonly string _insert;
    private SqliteTransaction? _replace;
    private bool _completed;

    private SqliteLoadSession(SqliteConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger)
    {
        _connection = connection;
        _destination = destination;
        _logger = logger;
        _target = target;
        _bindings = [.. target.Targets.Select((t, i) => SqliteBinding.For(t.Type, target.Columns[i].TypeName)!)];
        _insert = SqliteSql.Insert(target, destination.Mode == LoadMode.Upsert);
    }

    public static async Task<SqliteLoadSession> StartAsync(SqliteConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new SqliteLoadSession(connection, destination, target, logger);
        if (destination.Mode == LoadMode.TruncateReplace)
        {
            session._replace = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var delete = new SqliteCommand(SqliteSql.DeleteAll(target.Table), connection, session._replace);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return session;
    }

    public async Task WriteBatchAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        LoaderLog.BatchWritten(_logger, batch.Count, _destination.Table, _destination.Mode);
    }

    private async Task WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_replace is not null)
        {
            await InsertAsync(batch, _replace, cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertAsync(batch, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_replace is not null) await _replace.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (_replace is not null) LoaderLog.Replaced(_logger, _destination.Table);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_replace is not null && !_completed) LoaderLog.ReplaceRolledBack(_logger, _destination.Table);
        // An uncommitted replace transaction rolls back here: the table keeps its old rows.
        if (_replace is not null) await _replace.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    private async Task InsertAsync(RowBatch batch, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(_insert, _connection, transaction) { CommandTimeout = _destination.CommandTimeoutSeconds };
        var parameters = _bindings.Select((b, i) => command.Parameters.Add(SqliteSql.Parameter(i), b.Type)).ToArray();
        command.Prepare();
        for (var r = 0; r < batch.Count; r++)
        {
            var row = batch.Rows[r];
            var c = 0;
            try
            {
                for (; c < parameters.Length; c++)
                {
                    parameters[c].Value = row[c] is { } value ? _bindings[c].Convert(value) : DBNull.Value;
                }
                c = -1;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidCastException or IndexOutOfRangeException or OverflowException)
            {
                throw new EtlDataException($"batch row {r + 1}: {e.Message}", _destination.Table, null, c >= 0 ? _target.Columns[c].Name : null, e);
            }
            catch (SqliteException e)
            {
                // SQLite names the column in its constraint messages ("NOT NULL constraint failed: t.name").
                throw new EtlDataException($"batch row {r + 1}: {e.Message}", _destination.Table, null, null, e);
            }
        }
    }
}
