using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Loading;

/// <summary>Loads rows into one database table.</summary>
public interface IDestinationLoader
{
    /// <summary>Checks the table exists with compatible columns (and key for upsert), reporting all problems together.</summary>
    Task<DestinationCheckResult> CheckAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken);

    /// <summary>Starts loading batches of <paramref name="ledger"/>'s load: each batch commits its receipts with its rows
    /// (an atomic load commits the whole load's receipts at the end). Null records no receipts. Throws
    /// <see cref="EtlDataException"/> when the check fails.</summary>
    Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, LoadLedger? ledger, CancellationToken cancellationToken);

    /// <summary>Starts loading without a batch ledger.</summary>
    Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
        BeginAsync(destination, columns, null, cancellationToken);

    /// <summary>Creates the destination's batch ledger when missing and reads what <paramref name="ledger"/>'s load has
    /// committed so far.</summary>
    Task<CommittedRanges> OpenLedgerAsync(DestinationDefinition destination, LoadLedger ledger, CancellationToken cancellationToken);

    /// <summary>Deletes the ledger receipts (of every flow) committed before <paramref name="before"/> in the schema of
    /// <paramref name="destination"/>'s table; returns how many. A missing ledger deletes nothing.</summary>
    Task<int> PurgeLedgerAsync(DestinationDefinition destination, DateTime before, CancellationToken cancellationToken);

    /// <summary>Compares <paramref name="sourceFields"/> (null: not known), the mapped <paramref name="columns"/> and the
    /// destination table, and plans the DDL that would make the table fit: <c>CREATE TABLE</c> (key columns as primary
    /// key, NOT NULL with required columns) when it does not exist, else <c>ALTER TABLE … ADD</c> per mapped column it
    /// lacks; with <see cref="UnmappedFieldPolicy.AddColumns"/> each unmapped source field becomes an optional text
    /// column first. Nothing is changed: show the plan, then <see cref="ApplyAsync"/> it.</summary>
    /// <remarks>A field read only by an expression is not known to the plan: leave it out of
    /// <paramref name="sourceFields"/>, or it shows as unmapped.</remarks>
    Task<SchemaPlan> PlanAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, IReadOnlyList<string>? sourceFields,
        UnmappedFieldPolicy policy, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot plan table changes.");

    /// <summary>Runs <paramref name="plan"/>'s statements in one transaction: a statement the database refuses fails with
    /// an <see cref="EtlDataException"/> naming the table and the statement, and nothing of the plan stays (PostgreSQL,
    /// SQL Server and SQLite undo DDL in a rollback; Oracle commits each DDL statement as it runs, so the statements
    /// before the refused one stay there). Refuses a plan with problems, and a plan that creates a table that exists
    /// by now (plan again).</summary>
    Task ApplyAsync(DestinationDefinition destination, SchemaPlan plan, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot change tables.");

    /// <summary>Starts a dry run: like <see cref="BeginAsync(DestinationDefinition, IReadOnlyList{TargetColumn}, CancellationToken)"/>, but every batch of every mode goes into one transaction
    /// that <see cref="ILoadSession.CompleteAsync"/> (or disposing) rolls back, so the table ends as it was and the
    /// session's <see cref="ILoadSession.Counts"/> say what the load would have done.</summary>
    /// <exception cref="NotSupportedException">The loader cannot keep a whole load in one transaction.</exception>
    Task<ILoadSession> BeginDryRunAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot do a dry run: it has no load that is rolled back as a whole.");
}
