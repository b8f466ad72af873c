using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>One load into one Oracle table: each batch is one array-bound INSERT (or single-row MERGE) execution.
/// Append/Upsert: a transaction per batch. TruncateReplace: one transaction from the DELETE to <see cref="CompleteAsync"/>.</summary>
internal sealed class OracleLoadSession : ILoadSession
{
    private readonly DbConnection _connection;
    private readonly DestinationDefinition _destination;
    private readonly ILogger _logger;
    private readonly ResolvedTarget _target;
    private readonly OracleBinding[] _bindings;
    private readonly string _sql;
    private DbTransaction? _replace;
    private bool _completed;

    private OracleLoadSession(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger)
    {
        _connection = connection;
        _destination = destination;
        _logger = logger;
        _target = target;
        _bindings = [.. target.Targets.Select((t, i) => OracleBinding.For(t.Type, target.Columns[i])!)];
        _sql = destination.Mode == LoadMode.Upsert ? OracleSql.Merge(target) : OracleSql.Insert(target);
    }

    public static async Task<OracleLoadSession> StartAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new OracleLoadSession(connection, destination, target, logger);
        if (destination.Mode == LoadMode.TruncateReplace)
        {
            session._replace = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var delete = connection.CreateCommand();
            delete.CommandText = OracleSql.DeleteAll(target.Table);
            delete.Transaction = session._replace;
            delete.CommandTimeout = destination.CommandTimeoutSeconds;
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
        if (batch.Count == 0) return;
        try
        {
            if (_replace is not null)
            {
                await ExecuteAsync(batch, _replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(batch, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // ORA- messages name the column where Oracle knows it (ORA-12899: value too large for column "S"."T"."C").
            throw new EtlDataException(e.Message, _destination.Table, null, null, e);
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
        if (_replace is not null) await _replace.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    private async Task ExecuteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = _sql;
        command.Transaction = transaction;
        command.CommandTimeout = _destination.CommandTimeoutSeconds;
        foreach (var parameter in OracleArrays.Bind(batch, _bindings, _target, _destination.Table, command.CreateParameter))
        {
            command.Parameters.Add(parameter);
        }
        OracleProvider.EnableArrayBinding(command, batch.Count);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
