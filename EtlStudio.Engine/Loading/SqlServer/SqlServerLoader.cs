using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Data.SqlClient;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>Loads into SQL Server / Azure SQL with <see cref="SqlBulkCopy"/> fed by a streaming reader over each batch.</summary>
internal sealed class SqlServerLoader(ILogger logger) : CatalogLoader(logger)
{
    protected override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    protected override Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, DbTransaction? transaction, CancellationToken cancellationToken) =>
        SqlServerCatalog.ReadAsync((SqlConnection)connection, table, (SqlTransaction?)transaction, cancellationToken);

    protected override SchemaDialect Ddl => SqlServerDdl.Instance;

    protected override bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn) =>
        SqlServerValues.For(column.Type, catalogColumn) is not null;

    protected override ColumnRule RuleFor(TargetColumn column, CatalogColumn catalogColumn) => SqlServerRules.For(column, catalogColumn);

    protected override async Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, CancellationToken cancellationToken) =>
        await SqlServerLoadSession.StartAsync((SqlConnection)connection, destination, target, dryRun, Logger, cancellationToken).ConfigureAwait(false);

    protected override Ledger.LedgerSql LedgerSql(string? schema) => new SqlServerLedgerSql(schema);
}
