using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>One load into one table over one connection. Append: each batch is COPY'd in its own transaction.
/// Upsert: each batch is COPY'd into a session temp table and merged with ON CONFLICT in the same transaction.
/// TruncateReplace: one transaction from <see cref="StartAsync"/> (DELETE) to <see cref="CompleteAsync"/> (COMMIT).</summary>
internal sealed class PostgresLoadSession : ILoadSession
{
    private readonly NpgsqlConnection _connection;
    private readonly DestinationDefinition _destination;
    private readonly ILogger _logger;
    private readonly PostgresValueWriter[] _writers;
    private readonly string[] _names;
    private readonly string _copy;
    private readonly string? _tempName;
    private readonly string? _upsert;
    private NpgsqlTransaction? _replace;
    private bool _completed;

    private PostgresLoadSession(NpgsqlConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger)
    {
        _connection = connection;
        _destination = destination;
        _logger = logger;
        _names = [.. target.Columns.Select(c => c.Name)];
        _writers = [.. target.Targets.Select((t, i) => PostgresValueWriters.For(t.Type, target.Columns[i].TypeName)!)];
        if (destination.Mode == LoadMode.Upsert)
        {
            _tempName = $"etl_upsert_{Guid.NewGuid():N}";
            _upsert = PostgresSql.Upsert(_tempName, target);
            _copy = PostgresSql.CopyInto(Identifiers.Ansi(_tempName), [.. _names, PostgresSql.RowColumn]);
        }
        else
        {
            _copy = PostgresSql.CopyInto(PostgresSql.Table(target.Table), _names);
        }
    }

    public static async Task<PostgresLoadSession> StartAsync(NpgsqlConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new PostgresLoadSession(connection, destination, target, logger);
        if (destination.Mode == LoadMode.TruncateReplace)
        {
            session._replace = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync(PostgresSql.DeleteAll(target.Table), cancellationToken).ConfigureAwait(false);
        }
        else if (session._tempName is not null)
        {
            await session.ExecuteAsync(PostgresSql.CreateUpsertTable(session._tempName, target), cancellationToken).ConfigureAwait(false);
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
        try
        {
            if (_replace is not null)
            {
                await CopyAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await CopyAsync(batch, cancellationToken).ConfigureAwait(false);
            if (_upsert is not null) await ExecuteAsync(_upsert, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw PostgresLoadError.From(_destination.Table, e);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_replace is not null)
        {
            try
            {
                await _replace.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw PostgresLoadError.From(_destination.Table, e);
            }
        }
        if (_replace is not null) LoaderLog.Replaced(_logger, _destination.Table);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_replace is not null && !_completed) LoaderLog.ReplaceRolledBack(_logger, _destination.Table);
        // An uncommitted replace transaction rolls back here: the table keeps its old rows.
        if (_replace is not null) await _replace.DisposeAsync().ConfigureAwait(false);
        if (_tempName is not null && _connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                await ExecuteAsync(PostgresSql.Drop(_tempName), CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The temp table dies with the session anyway; a broken connection must not hide the original error.
            }
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    private async Task CopyAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        await using var importer = await _connection.BeginBinaryImportAsync(_copy, cancellationToken).ConfigureAwait(false);
        importer.Timeout = TimeSpan.FromSeconds(_destination.CommandTimeoutSeconds);
        for (var r = 0; r < batch.Count; r++)
        {
            var row = batch.Rows[r];
            if (row.Length < _writers.Length)
            {
                throw new EtlDataException($"Table '{_destination.Table}', batch row {r + 1}: the row has {row.Length} values for {_writers.Length} columns.");
            }
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var c = 0; c < _writers.Length; c++)
            {
                var value = row[c];
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                try
                {
                    await _writers[c](importer, value, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidCastException or ArgumentException or OverflowException)
                {
                    throw new EtlDataException($"batch row {r + 1}: {e.Message} (value of type {value.GetType().Name})", _destination.Table, null, _names[c], e);
                }
            }
            if (_tempName is not null) await importer.WriteAsync((long)r, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        }
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = _destination.CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
