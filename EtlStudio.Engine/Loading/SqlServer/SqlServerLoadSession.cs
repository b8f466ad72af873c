using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>One load into one SQL Server table. Append and TruncateReplace bulk copy straight into the table; Upsert
/// bulk copies each batch into the session's #temp table, then MERGEs it, in the batch's transaction; the MERGE's
/// OUTPUT says which keys it inserted.</summary>
internal sealed class SqlServerLoadSession : TransactionalLoadSession
{
    // KeepNulls: a null stays null rather than taking the column default; CheckConstraints: as an INSERT would.
    private const SqlBulkCopyOptions Options = SqlBulkCopyOptions.KeepNulls | SqlBulkCopyOptions.CheckConstraints;
    private readonly ResolvedTarget _target;
    private readonly ReaderColumn[] _columns;
    private readonly string[] _names;
    private readonly string? _merge;

    private SqlServerLoadSession(SqlConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, ILogger logger)
        : base(connection, destination, target, dryRun, logger)
    {
        _target = target;
        _columns = [.. target.Targets.Select((t, i) => SqlServerValues.For(t.Type, target.Columns[i])!)];
        _names = [.. _columns.Select(c => c.Name)];
        _merge = destination.Mode == LoadMode.Upsert ? SqlServerSql.Merge(target) : null;
    }

    public static async Task<SqlServerLoadSession> StartAsync(SqlConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new SqlServerLoadSession(connection, destination, target, dryRun, logger);
        if (session._merge is not null)
        {
            // The #temp table lives as long as the connection's session, so it is created once, outside any batch.
            await session.ExecuteAsync(SqlServerSql.CreateTempTable(target), null, cancellationToken).ConfigureAwait(false);
        }
        await session.OpenAsync(SqlServerSql.DeleteAll(target.Table), cancellationToken).ConfigureAwait(false);
        return session;
    }

    protected override async Task<long> WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sqlTransaction = (SqlTransaction)transaction;
        if (_merge is null)
        {
            await BulkCopyAsync(batch, SqlServerSql.Table(_target.Table), null, sqlTransaction, cancellationToken).ConfigureAwait(false);
            return batch.Count;
        }
        await ExecuteAsync(SqlServerSql.TruncateTemp, transaction, cancellationToken).ConfigureAwait(false);
        // SqlBulkCopy takes a temp table name unquoted; the name is ours, not the user's.
        await BulkCopyAsync(batch, SqlServerSql.TempTable, SqlServerSql.RowColumn, sqlTransaction, cancellationToken).ConfigureAwait(false);
        return await CountAsync(_merge, transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Errors the server raised name the column but not the row (<see cref="SqlServerLoadError"/>). Transient
    /// errors stay as they are, so a retry policy sees them.</summary>
    protected override EtlDataException? Translate(Exception exception, RowBatch? batch) => exception is SqlException { IsTransient: false } e
        ? SqlServerLoadError.FromServer(Destination.Table, e.Message, e.Number, batch, _names, e)
        : null;

    /// <summary>NULL into NOT NULL (515), CHECK/foreign key (547), duplicate key (2601, 2627), truncation (8152, 2628),
    /// conversion and overflow (241, 242, 245, 8114, 8115, 220, 232), invalid column length from bulk copy (4815).</summary>
    protected override bool IsRowData(Exception exception) =>
        exception is SqlException { Number: 515 or 547 or 2601 or 2627 or 8152 or 2628 or 241 or 242 or 245 or 8114 or 8115 or 220 or 232 or 4815 };

    private async Task BulkCopyAsync(RowBatch batch, string table, string? ordinalColumn, SqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var bulk = new SqlBulkCopy((SqlConnection)Connection, Options, transaction)
        {
            DestinationTableName = table,
            EnableStreaming = true,
            BatchSize = 0,
            BulkCopyTimeout = Destination.CommandTimeoutSeconds,
        };
        for (var i = 0; i < _columns.Length; i++) bulk.ColumnMappings.Add(i, _columns[i].Name);
        if (ordinalColumn is not null) bulk.ColumnMappings.Add(_columns.Length, ordinalColumn);
        await using var reader = new RowBatchDataReader(batch, _columns, ordinalColumn, Destination.Table);
        try
        {
            await bulk.WriteToServerAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException)
        {
            // SqlBulkCopy reports a value it cannot convert as InvalidOperationException, while the reader is on its row.
            throw SqlServerLoadError.FromBulkCopy(Destination.Table, e, batch, reader.Position, _names);
        }
    }
}
