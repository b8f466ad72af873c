using EtlStudio.Engine.Staging;

namespace EtlStudio.Engine;

/// <summary>Outcome of a run. <c>RowsRead == RowsWritten + RowsRejected + RowsFiltered + RowsSkipped</c> on success; on failure rows read
/// but not written (the batch that failed, or rolled-back replace) are neither written nor rejected.</summary>
public sealed record FlowRunResult
{
    /// <summary>True when the run completed and committed.</summary>
    public required bool Succeeded { get; init; }
    /// <summary>Records read.</summary>
    public long RowsRead { get; init; }
    /// <summary>Rows committed to the destination.</summary>
    public long RowsWritten { get; init; }
    /// <summary>Rows rejected.</summary>
    public long RowsRejected { get; init; }
    /// <summary>Rows the flow's <see cref="Definitions.FlowDefinition.Filter"/> dropped (not rejects: nothing was wrong
    /// with them).</summary>
    public long RowsFiltered { get; init; }
    /// <summary>Records read that an earlier run of the same load had committed already (the ledger's receipts cover them),
    /// so they were not loaded again; for a message batch, messages at or below their partition's committed offset.</summary>
    public long RowsSkipped { get; init; }
    /// <summary>Rows the ledger said the load had committed before this run started (a resume's starting point).</summary>
    public long RowsCommittedBefore { get; init; }
    /// <summary>Of <see cref="RowsWritten"/>, rows that added a new row (Append and TruncateReplace: all of them).</summary>
    public long RowsInserted { get; init; }
    /// <summary>Of <see cref="RowsWritten"/>, Upsert rows whose key was already in the table (or earlier in the run).</summary>
    public long RowsUpdated { get; init; }
    /// <summary>TruncateReplace: the old rows the replace removed (0 when it was rolled back).</summary>
    public long RowsDeleted { get; init; }
    /// <summary>Per-step timings.</summary>
    public IReadOnlyList<StepTiming> Steps { get; init; } = [];
    /// <summary>Staged artifacts written by the run.</summary>
    public IReadOnlyList<StagedArtifact> StagedArtifacts { get; init; } = [];
    /// <summary>Schema drift and DDL events, in order, as the run log got them: unmapped source fields, mapped fields the
    /// input lacks, columns added, the table created.</summary>
    public IReadOnlyList<string> SchemaEvents { get; init; } = [];
    /// <summary>DDL the run executed (<c>CREATE TABLE</c>, <c>ALTER TABLE … ADD</c>); a dry run's were rolled back.</summary>
    public IReadOnlyList<string> SchemaStatements { get; init; } = [];
    /// <summary>Why the run failed; <see cref="EtlDataException"/> for data problems (not retried), anything
    /// else may be transient.</summary>
    public Exception? Error { get; init; }

    /// <summary>Absolute server paths of the SFTP files the run read to their end, in reading order (empty for other
    /// sources and for a run whose rows came from staging): what an after-load action may delete or move.</summary>
    public IReadOnlyList<string> FilesRead { get; init; } = [];
}
