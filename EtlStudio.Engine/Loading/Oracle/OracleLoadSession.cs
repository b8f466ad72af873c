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

    /// <summary>ORA-00001 (unique), 01400/01407 (NULL), 02290 (check), 02291/02292 (foreign key), 12899 (too large),
    /// 01438 (precision), 01722 (invalid number), 01830–01861 (date conversion); the number read by reflection.</summary>
    protected override bool IsRowData(Exception exception) =>
        exception is DbException e && e.GetType().GetProperty("Number")?.GetValue(e) is int number &&
        number is 1 or 1400 or 1407 or 2290 or 2291 or 2292 or 12899 or 1438 or 1722 or (>= 1830 and <= 1861);
}
