using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Loads into PostgreSQL with binary COPY (<see cref="NpgsqlBinaryImporter"/>).</summary>
internal sealed class PostgresLoader(ILogger logger) : CatalogLoader(logger)
{
    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    protected override Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, CancellationToken cancellationToken) =>
        PostgresCatalog.ReadAsync((NpgsqlConnection)connection, table, cancellationToken);

    protected override bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn) =>
        PostgresValueWriters.For(column.Type, catalogColumn.TypeName) is not null;

    protected override async Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, CancellationToken cancellationToken) =>
        await PostgresLoadSession.StartAsync((NpgsqlConnection)connection, destination, target, Logger, cancellationToken).ConfigureAwait(false);
}
