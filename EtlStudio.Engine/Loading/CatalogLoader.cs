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
        // A dry run's pending DDL: checked against the table as the statements leave it, then rolled back.
        await using var pending = await ApplyPendingAsync(connection, destination, cancellationToken).ConfigureAwait(false);
        var (result, _) = await CheckOnAsync(connection, destination, columns, pending, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<SchemaPlan> PlanAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, IReadOnlyList<string>? sourceFields,
        UnmappedFieldPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(columns);
        await using var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        var catalog = await ReadCatalogAsync(connection, TableName.Parse(destination.Table), null, cancellationToken).ConfigureAwait(false);
        return SchemaPlanner.Plan(destination, columns, sourceFields, policy, catalog, Ddl, IsCompatible);
    }

    /// <inheritdoc />
    public async Task ApplyAsync(DestinationDefinition destination, SchemaPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Statements.Count == 0 && plan.IsValid) return;
        await using var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        await using var transaction = Ddl.TransactionalDdl ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        await ApplyOnAsync(connection, transaction, destination, plan, cancellationToken).ConfigureAwait(false);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This provider's DDL.</summary>
    protected abstract SchemaDialect Ddl { get; }

    /// <summary>Runs <paramref name="plan"/>'s statements on <paramref name="connection"/> in <paramref name="transaction"/>
    /// (null: Oracle, where each commits on its own), after making sure the table is still as planned.</summary>
    private async Task ApplyOnAsync(DbConnection connection, DbTransaction? transaction, DestinationDefinition destination, SchemaPlan plan, CancellationToken cancellationToken)
    {
        var table = destination.Table;
        if (!string.Equals(plan.Table, table, StringComparison.Ordinal))
            throw new EtlDataException($"The schema plan is for table '{plan.Table}', not '{table}'.", table);
        if (!plan.IsValid)
            throw new EtlDataException($"Table '{table}' cannot be made to fit the mapping: {string.Join("; ", plan.Problems)}", table);
        var catalog = await ReadCatalogAsync(connection, TableName.Parse(table), transaction, cancellationToken).ConfigureAwait(false);
        if (catalog is not null != plan.TableExists)
        {
            throw new EtlDataException(plan.TableExists
                ? $"Table '{table}' no longer exists; plan again."
                : $"Table '{table}' exists now; it is not created again. Plan again to see what it lacks.", table);
        }
        foreach (var statement in plan.Statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.Transaction = transaction;
            command.CommandTimeout = destination.CommandTimeoutSeconds;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                var undone = transaction is null ? " Oracle commits each DDL statement: the statements before this one stay." : " Nothing of the plan was applied.";
                throw new EtlDataException($"Table '{table}': the database refused {statement} — {e.Message}.{undone}", table, inner: e);
            }
            LoaderLog.SchemaChanged(Logger, table, statement);
        }
    }

    /// <summary>Runs the destination's pending statements (<see cref="DestinationDefinition.Schema"/>, a dry run's) in a
    /// new transaction that the caller continues or rolls back; null when there are none.</summary>
    private async Task<DbTransaction?> ApplyPendingAsync(DbConnection connection, DestinationDefinition destination, CancellationToken cancellationToken)
    {
        if (destination.Schema is not { Statements.Count: > 0 } plan) return null;
        if (!Ddl.TransactionalDdl) throw new EtlDataException($"Table '{destination.Table}': this database commits DDL as it runs it, so it cannot run inside the load's transaction.", destination.Table);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyOnAsync(connection, transaction, destination, plan, cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
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
        var catalog = await ReadCatalogAsync(connection, TableName.Parse(destination.Table), null, cancellationToken).ConfigureAwait(false)
            ?? throw new EtlDataException($"Destination table '{destination.Table}' does not exist.", destination.Table);
        return new BatchLedger(LedgerSql(catalog.Schema), ledger, destination.CommandTimeoutSeconds);
    }

    /// <summary>The batch ledger's SQL in <paramref name="schema"/> (the destination table's).</summary>
    protected abstract LedgerSql LedgerSql(string? schema);

    private async Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, bool dryRun, LoadLedger? ledger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        DbTransaction? pending = null;
        try
        {
            // A dry run's DDL runs first in the transaction the session then keeps and rolls back.
            pending = await ApplyPendingAsync(connection, destination, cancellationToken).ConfigureAwait(false);
            var (result, target) = await CheckOnAsync(connection, destination, columns, pending, cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                throw new EtlDataException($"Destination table '{destination.Table}' cannot be loaded: {string.Join(" ", result.Problems)}");
            }
            var session = await StartSessionAsync(connection, destination, target with { Transaction = pending }, dryRun, cancellationToken).ConfigureAwait(false);
            if (ledger is not null && session is TransactionalLoadSession transactional)
            {
                transactional.Ledger = new BatchLedger(LedgerSql(target.Table.Schema), ledger, destination.CommandTimeoutSeconds);
            }
            return session;
        }
        catch
        {
            if (pending is not null) await pending.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A new, unopened connection to the destination.</summary>
    protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Reads the table; null when it does not exist. Names travel as parameters. <paramref name="transaction"/>:
    /// the connection's open transaction, which sees the DDL run in it.</summary>
    protected abstract Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, DbTransaction? transaction, CancellationToken cancellationToken);

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

    private async Task<(DestinationCheckResult, ResolvedTarget?)> CheckOnAsync(DbConnection connection, DestinationDefinition destination, IReadOnlyList<TargetColumn> columns,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var catalog = await ReadCatalogAsync(connection, TableName.Parse(destination.Table), transaction, cancellationToken).ConfigureAwait(false);
        return DestinationCheck.Run(destination, columns, catalog, IsCompatible, RuleFor);
    }
}
