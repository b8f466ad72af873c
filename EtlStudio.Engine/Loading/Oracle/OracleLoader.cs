using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>Loads into Oracle with array-bound statements through the provider factory (see <see cref="OracleProvider"/>).</summary>
internal sealed class OracleLoader(ILogger logger) : CatalogLoader(logger)
{
    protected override DbConnection CreateConnection(string connectionString)
    {
        var connection = OracleProvider.Factory.CreateConnection()
            ?? throw new EtlDataException($"The '{OracleProvider.InvariantName}' provider factory returned no connection.");
        connection.ConnectionString = connectionString;
        return connection;
    }

    protected override Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, DbTransaction? transaction, CancellationToken cancellationToken) =>
        OracleCatalog.ReadAsync(connection, table, cancellationToken);

    protected override SchemaDialect Ddl => OracleDdl.Instance;

    protected override bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn) =>
        OracleBinding.For(column.Type, catalogColumn) is not null;

    protected override ColumnRule RuleFor(TargetColumn column, CatalogColumn catalogColumn) => OracleRules.For(column, catalogColumn);

    protected override async Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, CancellationToken cancellationToken) =>
        await OracleLoadSession.StartAsync(connection, destination, target, dryRun, Logger, cancellationToken).ConfigureAwait(false);

    protected override Ledger.LedgerSql LedgerSql(string? schema) => new OracleLedgerSql(schema);
}
