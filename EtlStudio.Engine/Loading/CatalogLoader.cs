using System.Data.Common;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;
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
    public Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, LoadLedger? ledger, CancellationToken cancellationToken) =>
        BeginAsync(destination, columns, dryRun: false, ledger, cancellationToken);

    /// <inheritdoc />
    public Task<ILoadSession> BeginDryRunAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
        BeginAsync(destination, columns, dryRun: true, null, cancellationToken);

    /// <inheritdoc />
    public async Task<CommittedRanges> OpenLedgerAsync(DestinationDefinition destination, LoadLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        await using var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        var ledgerOn = await LedgerOnAsync(connection, destination, ledger, cancellationToken).ConfigureAwait(false);
        await ledgerOn.EnsureAsync(connection, cancellationToken).ConfigureAwait(false);
        return await ledgerOn.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> PurgeLedgerAsync(DestinationDefinition destination, DateTime before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        var ledgerOn = await LedgerOnAsync(connection, destination, new LoadLedger("", "", Guid.Empty), cancellationToken).ConfigureAwait(false);
        try
        {
            return await ledgerOn.PurgeAsync(connection, before, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (!e.IsTransient)
        {
            // No ledger yet in that schema: nothing to purge. Any other problem shows on the next load.
            LoaderLog.LedgerPurgeSkipped(Logger, ledgerOn.Table, e.Message);
            return 0;
        }
    }

    private async Task<BatchLedger> LedgerOnAsync(DbConnection connection, DestinationDefinition destination, LoadLedger ledger, CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync(connection, TableName.Parse(destination.Table), cancellationToken).ConfigureAwait(false)
            ?? throw new EtlDataException($"Destination table '{destination.Table}' does not exist.", destination.Table);
        return new BatchLedger(LedgerSql(catalog.Schema), ledger, destination.CommandTimeoutSeconds);
    }

    /// <summary>The batch ledger's SQL in <paramref name="schema"/> (the destination table's).</summary>
    protected abstract LedgerSql LedgerSql(string? schema);

    private async Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, bool dryRun, LoadLedger? ledger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        try
        {
            var (result, target) = await CheckOnAsync(connection, destination, columns, cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                throw new EtlDataException($"Destination table '{destination.Table}' cannot be loaded: {string.Join(" ", result.Problems)}");
            }
            var session = await StartSessionAsync(connection, destination, target, dryRun, cancellationToken).ConfigureAwait(false);
            if (ledger is not null && session is TransactionalLoadSession transactional)
            {
                transactional.Ledger = new BatchLedger(LedgerSql(target.Table.Schema), ledger, destination.CommandTimeoutSeconds);
            }
            return session;
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
