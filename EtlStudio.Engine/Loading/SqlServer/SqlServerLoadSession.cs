using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Data.SqlClient;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>One load into one SQL Server table. Append: bulk copy per batch in its own transaction. Upsert: bulk copy
/// into the session's #temp table, then MERGE, in the batch's transaction. TruncateReplace: one transaction from the
/// DELETE in <see cref="StartAsync"/> to <see cref="CompleteAsync"/>.</summary>
internal sealed class SqlServerLoadSession : ILoadSession
{
    // KeepNulls: a null stays null rather than taking the column default; CheckConstraints: as an INSERT would.
    private const SqlBulkCopyOptions Options = SqlBulkCopyOptions.KeepNulls | SqlBulkCopyOptions.CheckConstraints;
    private readonly SqlConnection _connection;
    private readonly DestinationDefinition _destination;
    private readonly ILogger _logger;
    private readonly ResolvedTarget _target;
    private readonly ReaderColumn[] _columns;
    private readonly string? _merge;
    private SqlTransaction? _replace;
    private bool _completed;

    private SqlServerLoadSession(SqlConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger)
    {
        _connection = connection;
        _destination = destination;
        _logger = logger;
        _target = target;
        _columns = [.. target.Targets.Select((t, i) => SqlServerValues.For(t.Type, target.Columns[i])!)];
        _merge = destination.Mode == LoadMode.Upsert ? SqlServerSql.Merge(target) : null;
    }

    public static async Task<SqlServerLoadSession> StartAsync(SqlConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new SqlServerLoadSession(connection, destination, target, logger);
        if (destination.Mode == LoadMode.TruncateReplace)
        {
            session._replace = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync(SqlServerSql.DeleteAll(target.Table), session._replace, cancellationToken).ConfigureAwait(false);
        }
        else if (session._merge is not null)
        {
            await session.ExecuteAsync(SqlServerSql.CreateTempTable(target), null, cancellationToken).ConfigureAwait(false);
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
                await BulkCopyAsync(batch, SqlServerSql.Table(_target.Table), null, _replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            await using var transaction = (SqlTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (_merge is null)
            {
                await BulkCopyAsync(batch, SqlServerSql.Table(_target.Table), null, transaction, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ExecuteAsync(SqlServerSql.TruncateTemp, transaction, cancellationToken).ConfigureAwait(false);
                // SqlBulkCopy takes a temp table name unquoted; the name is ours, not the user's.
                await BulkCopyAsync(batch, SqlServerSql.TempTable, SqlServerSql.RowColumn, transaction, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(_merge, transaction, cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException)
        {
            throw new EtlDataException($"{e.Message}", _destination.Table, null, null, e);
        }
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
        // An uncommitted replace transaction rolls back here; the #temp table dies with the connection's session.
        if (_replace is not null) await _replace.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    private async Task BulkCopyAsync(RowBatch batch, string table, string? ordinalColumn, SqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var bulk = new SqlBulkCopy(_connection, Options, transaction)
        {
            DestinationTableName = table,
            EnableStreaming = true,
            BatchSize = 0,
            BulkCopyTimeout = _destination.CommandTimeoutSeconds,
        };
        for (var i = 0; i < _columns.Length; i++) bulk.ColumnMappings.Add(i, _columns[i].Name);
        if (ordinalColumn is not null) bulk.ColumnMappings.Add(_columns.Length, ordinalColumn);
        await using var reader = new RowBatchDataReader(batch, _columns, ordinalColumn);
        await bulk.WriteToServerAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, _connection, transaction) { CommandTimeout = _destination.CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
