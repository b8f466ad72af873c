using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Loads into PostgreSQL with binary COPY (<see cref="NpgsqlBinaryImporter"/>).</summary>
internal sealed class PostgresLoader(ILogger logger) : CatalogLoader(logger)
{
    /// <summary>Npgsql's 8 KB default write buffer means a socket send every few dozen COPY rows; 64 KB cuts the sends
    /// (and the server's reads) eightfold. A connection string that sets <c>Write Buffer Size</c> keeps its value.</summary>
    private const int CopyWriteBufferSize = 64 * 1024;

    protected override DbConnection CreateConnection(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Write Buffer Size")) builder.WriteBufferSize = CopyWriteBufferSize;
        return new NpgsqlConnection(builder.ConnectionString);
    }

    protected override Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, CancellationToken cancellationToken) =>
        PostgresCatalog.ReadAsync((NpgsqlConnection)connection, table, cancellationToken);

    protected override bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn) =>
        PostgresValueWriters.For(column.Type, catalogColumn.TypeName) is not null;

    protected override async Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, CancellationToken cancellationToken) =>
        await PostgresLoadSession.StartAsync((NpgsqlConnection)connection, destination, target, Logger, cancellationToken).ConfigureAwait(false);
}
