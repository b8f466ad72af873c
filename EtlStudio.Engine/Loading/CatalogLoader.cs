using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading;

/// <summary>The part every loader shares: open a connection, read the table from the catalog, check the mapping
/// against it, and only then hand a connection to a session.</summary>
internal abstract class CatalogLoader(ILogger logger) : IDestinationLoader
{
    /// <summary>Logger handed to the sessions.</summary>
    protected ILogger Logger { get; } = logger;

    /// <inheritdoc />
    public async Task<DestinationCheckResult> CheckAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        var (result, _) = await CheckOnAsync(connection, destination, columns, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
        BeginAsync(destination, columns, dryRun: false, cancellationToken);

    /// <inheritdoc />
    public Task<ILoadSession> BeginDryRunAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
        BeginAsync(destination, columns, dryRun: true, cancellationToken);

    private async Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, bool dryRun, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        try
        {
            var (result, target) = await CheckOnAsync(connection, destination, columns, cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                throw new EtlDataException($"Destination table '{destination.Table}' cannot be loaded: {string.Join(" ", result.Problems)}");
            }
            return await StartSessionAsync(connection, destination, target, dryRun, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A new, unopened connection to the destination.</summary>
    protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Reads the table; null when it does not exist. Names travel as parameters.</summary>
    protected abstract Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, CancellationToken cancellationToken);

    /// <summary>Whether this provider can write values of the column's type into the catalog column.</summary>
    protected abstract bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn);

    /// <summary>What this provider's database refuses of a value written into the (compatible) catalog column.</summary>
    protected abstract ColumnRule RuleFor(TargetColumn column, CatalogColumn catalogColumn);

    /// <summary>Starts the session; it owns <paramref name="connection"/> from here on. A <paramref name="dryRun"/>
    /// session keeps the whole load in one transaction that it rolls back.</summary>
    protected abstract Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, CancellationToken cancellationToken);

    private async Task<DbConnection> OpenAsync(DestinationDefinition destination, CancellationToken cancellationToken)
    {
        var connection = CreateConnection(destination.ConnectionString);
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

    private async Task<(DestinationCheckResult, ResolvedTarget?)> CheckOnAsync(DbConnection connection, DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync(connection, TableName.Parse(destination.Table), cancellationToken).ConfigureAwait(false);
        return DestinationCheck.Run(destination, columns, catalog, IsCompatible, RuleFor);
    }
}
