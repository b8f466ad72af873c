using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>One load into one Oracle table: each batch is one array-bound INSERT (or single-row MERGE) execution in
/// the batch's transaction. An upsert counts the batch's keys in the table before and after the MERGE.</summary>
internal sealed class OracleLoadSession : TransactionalLoadSession
{
    private readonly ResolvedTarget _target;
    private readonly OracleBinding[] _bindings;
    private readonly string[] _names;
    private readonly string _sql;
    private readonly OracleKeyCount? _keyCount;

    private OracleLoadSession(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, ILogger logger)
        : base(connection, destination, target, dryRun, logger)
    {
        _target = target;
        _bindings = [.. target.Targets.Select((t, i) => OracleBinding.For(t.Type, target.Columns[i])!)];
        _names = [.. target.Columns.Select(c => c.Name)];
        _sql = destination.Mode == LoadMode.Upsert ? OracleSql.Merge(target) : OracleSql.Insert(target);
        _keyCount = destination.Mode == LoadMode.Upsert ? new OracleKeyCount(target, _bindings, destination.Table) : null;
    }

    public static async Task<OracleLoadSession> StartAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new OracleLoadSession(connection, destination, target, dryRun, logger);
        await session.OpenAsync(OracleSql.DeleteAll(target.Table), cancellationToken).ConfigureAwait(false);
        return session;
    }

    protected override async Task<long> WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return 0;
        var before = _keyCount is null ? 0 : await _keyCount.CountAsync(batch, Connection, transaction, Destination.CommandTimeoutSeconds, cancellationToken).ConfigureAwait(false);
        await using var command = Command(_sql, transaction);
        foreach (var parameter in OracleArrays.Bind(batch, _bindings, _target, Destination.Table, command.CreateParameter))
        {
            command.Parameters.Add(parameter);
        }
        OracleProvider.EnableArrayBinding(command, batch.Count);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return _keyCount is null ? batch.Count : await _keyCount.CountAsync(batch, Connection, transaction, Destination.CommandTimeoutSeconds, cancellationToken).ConfigureAwait(false) - before;
    }

    /// <summary>Transient errors stay as they are, so a retry policy sees them.</summary>
    protected override EtlDataException? Translate(Exception exception, RowBatch? batch) =>
        exception is DbException { IsTransient: false } e ? OracleLoadError.From(Destination.Table, e, batch, _names) : null;
}
