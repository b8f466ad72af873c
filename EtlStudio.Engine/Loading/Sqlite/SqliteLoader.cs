using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>Loads into SQLite with a prepared, parameterised insert run row by row inside one transaction per batch.</summary>
internal sealed class SqliteLoader(ILogger logger) : CatalogLoader(logger)
{
    protected override async Task<DbConnection> OpenAsync(DestinationDefinition destination, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(destination.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, CancellationToken cancellationToken) =>
        SqliteCatalog.ReadAsync((SqliteConnection)connection, table, cancellationToken);

    protected override bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn) =>
        SqliteBinding.For(column.Type, catalogColumn.TypeName) is not null;

    protected override async Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, CancellationToken cancellationToken) =>
        await SqliteLoadSession.StartAsync((SqliteConnection)connection, destination, target, Logger, cancellationToken).ConfigureAwait(false);
}
