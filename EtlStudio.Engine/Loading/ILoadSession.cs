namespace EtlStudio.Engine.Loading;

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
