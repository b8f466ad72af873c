using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Loading;

/// <summary>A target column as the loader sees it.</summary>
/// <param name="Name">Column name in the destination.</param>
/// <param name="Type">Type of the values the mapper produces for it.</param>
/// <param name="Precision">Decimal precision.</param>
/// <param name="Scale">Decimal scale.</param>
public sealed record TargetColumn(string Name, ColumnType Type, int? Precision = null, int? Scale = null);

/// <summary>Result of checking the destination table against the mapping, every problem listed.</summary>
/// <param name="Problems">Missing table/columns, incompatible types, missing key; empty when fine.</param>
public sealed record DestinationCheckResult(IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>What the table would refuse of a mapped row, for the run to reject such rows one by one
    /// (<see cref="TargetRules.None"/> when the check failed or the loader reads no catalog).</summary>
    public TargetRules Rules { get; init; } = TargetRules.None;
}

/// <summary>A batch of mapped rows: <c>Rows[i][c]</c> is column c of <see cref="TargetColumn"/> order,
/// typed as the column's <see cref="ColumnType"/> says (string, int, long, decimal, double, bool, DateOnly, DateTime,
/// DateTimeOffset, Guid, string for JSON) or null.</summary>
/// <param name="Rows">Row buffer; only the first <paramref name="Count"/> entries are rows of this batch.</param>
/// <param name="Count">Rows in this batch.</param>
/// <param name="Origins">Where each row came from (file, URL, message origin: the reader's own string, shared by its
/// rows), parallel to <paramref name="Rows"/>; null when the rows have no source (then errors name the batch row).</param>
/// <param name="Records">1-based record number of each row within its origin, parallel to <paramref name="Rows"/>.</param>
public readonly record struct RowBatch(object?[][] Rows, int Count, string?[]? Origins = null, long[]? Records = null)
{
    /// <summary>Origin and record number of row <paramref name="row"/> (0-based), or nulls when the batch does not carry them.</summary>
    public (string? Origin, long? Record) SourceOf(int row) =>
        Origins is { } origins && Records is { } records && (uint)row < (uint)Count && origins[row] is { } origin
            ? (origin, records[row])
            : (null, null);
}

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

    /// <summary>Starts a dry run: like <see cref="BeginAsync(DestinationDefinition, IReadOnlyList{TargetColumn}, CancellationToken)"/>, but every batch of every mode goes into one transaction
    /// that <see cref="ILoadSession.CompleteAsync"/> (or disposing) rolls back, so the table ends as it was and the
    /// session's <see cref="ILoadSession.Counts"/> say what the load would have done.</summary>
    /// <exception cref="NotSupportedException">The loader cannot keep a whole load in one transaction.</exception>
    Task<ILoadSession> BeginDryRunAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot do a dry run: it has no load that is rolled back as a whole.");
}

/// <summary>An open load. Append/Upsert: each batch commits on its own. TruncateReplace: everything commits in
/// <see cref="CompleteAsync"/>. A dry run (<see cref="IDestinationLoader.BeginDryRunAsync"/>): one transaction, rolled
/// back by <see cref="CompleteAsync"/>. Disposing without completing rolls back what is not committed.</summary>
public interface ILoadSession : IAsyncDisposable
{
    /// <summary>Writes one batch (committed as a whole, or part of the replace transaction).</summary>
    Task WriteBatchAsync(RowBatch batch, CancellationToken cancellationToken);

    /// <summary>Commits what is still open (a dry run rolls it back).</summary>
    Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Whether a batch that <see cref="WriteBatchAsync"/> failed for its data left the session usable, so the
    /// batch can be written again in parts (each batch in its own transaction, or a savepoint inside the shared one).</summary>
    bool CanRewriteRefusedBatch { get; }

    /// <summary>Rows inserted, updated and deleted by the batches written so far (a failed batch counts nothing). A
    /// session that does not count reports zeros.</summary>
    LoadCounts Counts => default;
}
