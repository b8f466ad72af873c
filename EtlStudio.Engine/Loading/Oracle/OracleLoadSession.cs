using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>One load into one Oracle table: each batch is one array-bound INSERT (or single-row MERGE) execution in
/// the batch's transaction.</summary>
internal sealed class OracleLoadSession : TransactionalLoadSession
{
    private readonly ResolvedTarget _target;
    private readonly OracleBinding[] _bindings;
    private readonly string _sql;

    private OracleLoadSession(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger)
        : base(connection, destination, target, logger)
    {
        _target = target;
        _bindings = [.. target.Targets.Select((t, i) => OracleBinding.For(t.Type, target.Columns[i])!)];
        _sql = destination.Mode == LoadMode.Upsert ? OracleSql.Merge(target) : OracleSql.Insert(target);
    }

    public static async Task<OracleLoadSession> StartAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new OracleLoadSession(connection, destination, target, logger);
        if (destination.Mode == LoadMode.TruncateReplace)
        {
            await session.BeginReplaceAsync(OracleSql.DeleteAll(target.Table), cancellationToken).ConfigureAwait(false);
        }
        return session;
    }

    protected override async Task WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        await using var command = Connection.CreateCommand();
        command.CommandText = _sql;
        command.Transaction = transaction;
        command.CommandTimeout = Destination.CommandTimeoutSeconds;
        foreach (var parameter in OracleArrays.Bind(batch, _bindings, _target, Destination.Table, command.CreateParameter))
        {
            command.Parameters.Add(parameter);
        }
        OracleProvider.EnableArrayBinding(command, batch.Count);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ORA- messages name the column where Oracle knows it (ORA-12899: value too large for column "S"."T"."C").</summary>
    protected override EtlDataException? Translate(Exception exception) =>
        exception is DbException { IsTransient: false } ? new EtlDataException(exception.Message, Destination.Table, null, null, exception) : null;
}
