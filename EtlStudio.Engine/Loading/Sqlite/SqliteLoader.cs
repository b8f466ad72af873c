using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>Loads into SQLite with a prepared, parameterised insert run row by row inside one transaction per batch.</summary>
internal sealed class SqliteLoader(ILogger logger) : CatalogLoader(logger)
{
    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    protected override Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, DbTransaction? transaction, CancellationToken cancellationToken) =>
        SqliteCatalog.ReadAsync((SqliteConnection)connection, table, (SqliteTransaction?)transaction, cancellationToken);

    protected override SchemaDialect Ddl => SqliteDdl.Instance;

    protected override bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn) =>
        SqliteBinding.For(column.Type, catalogColumn.TypeName) is not null;

    protected override ColumnRule RuleFor(TargetColumn column, CatalogColumn catalogColumn) => SqliteRules.For(column, catalogColumn);

    protected override async Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, CancellationToken cancellationToken) =>
        await SqliteLoadSession.StartAsync((SqliteConnection)connection, destination, target, dryRun, Logger, cancellationToken).ConfigureAwait(false);

    protected override Ledger.LedgerSql LedgerSql(string? schema) => new SqliteLedgerSql(schema);
}
