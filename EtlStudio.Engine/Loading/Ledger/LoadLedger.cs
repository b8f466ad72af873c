namespace EtlStudio.Engine.Loading.Ledger;

/// <summary>Which load a session's batches belong to in the destination's batch ledger (<c>etlstudio_batches</c>).
/// Each batch that commits writes its receipts in the same transaction as its rows, so a retry, a resume or a
/// redelivery that finds a receipt knows the rows it covers are in the table and skips them.</summary>
/// <param name="Flow">The flow's stable key (EtlStudio: its id), at most 64 characters.</param>
/// <param name="Load">The load: the id of the first run of a chain of retries and resumes, or a stream name for
/// message loads; at most 64 characters.</param>
/// <param name="Run">The run writing the receipts (for the record).</param>
public sealed record LoadLedger(string Flow, string Load, Guid Run)
{
    /// <summary>Receipts for the whole load, written once with the last batch instead of one per batch, and the load
    /// kept in one transaction: message batches, whose receipts are partition offset ranges rather than record
    /// ranges. Null: each batch records the record ranges of its own rows.</summary>
    public IReadOnlyList<BatchReceipt>? Whole { get; init; }

    /// <summary>True when the load is one transaction that commits <see cref="Whole"/>.</summary>
    public bool IsAtomic => Whole is not null;
}
