using EtlStudio.Engine.Staging;

namespace EtlStudio.Engine;

/// <summary>A rejected row: where it came from and why.</summary>
/// <param name="Origin">File, URL or message origin.</param>
/// <param name="RowNumber">1-based record number within the origin.</param>
/// <param name="Column">Target column (or source field) at fault; null for a row-level problem.</param>
/// <param name="Value">The raw value, if any.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record RejectedRow(string Origin, long RowNumber, string? Column, string? Value, string Reason);

/// <summary>Receives rejected rows as they happen (the runtime stores them with the run).</summary>
public interface IRejectSink
{
    /// <summary>Records one rejected row.</summary>
    ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken);
}

/// <summary>Pipeline steps, in order.</summary>
public enum RunStep
{
    /// <summary>Reading the source.</summary>
    Extract,
    /// <summary>Parsing documents into records.</summary>
    Parse,
    /// <summary>Converting records to typed rows.</summary>
    Map,
    /// <summary>Writing rows to the destination.</summary>
    Load,
}

/// <summary>Progress while a run goes on.</summary>
/// <param name="Step">Current step.</param>
/// <param name="RowsRead">Records read so far.</param>
/// <param name="RowsWritten">Rows committed (or written into the open replace transaction) so far.</param>
/// <param name="RowsRejected">Rows rejected so far.</param>
/// <param name="RowsSkipped">Rows skipped so far because an earlier run of the load committed them.</param>
public readonly record struct RunProgress(RunStep Step, long RowsRead, long RowsWritten, long RowsRejected, long RowsSkipped = 0);

/// <summary>What the caller hands to a run besides the flow.</summary>
public sealed record FlowRunContext
{
    /// <summary>Run id (staging folder, derived column value).</summary>
    public required Guid RunId { get; init; }
    /// <summary>Receives rejected rows; null keeps only the count.</summary>
    public IRejectSink? Rejects { get; init; }
    /// <summary>Receives the run's warnings (e.g. an optional mapped field the input lacks); null drops them.</summary>
    public IRunLog? Log { get; init; }
    /// <summary>Progress reports (throttled by the caller if needed).</summary>
    public IProgress<RunProgress>? Progress { get; init; }
    /// <summary>Load time used by <see cref="Definitions.DerivedValue.LoadTime"/>; defaults to the start of the run.</summary>
    public DateTimeOffset? LoadTime { get; init; }
    /// <summary>The flow's stable key in the destination's batch ledger (EtlStudio: the flow id); defaults to the flow's name.</summary>
    public string? FlowKey { get; init; }
    /// <summary>The load the run continues: the first run of a chain of retries and resumes. Batches its ledger already
    /// holds are skipped. Defaults to <see cref="RunId"/> (a new load).</summary>
    public Guid? LoadId { get; init; }
}

/// <summary>Timing of one step. Steps overlap: rows stream through all of them.</summary>
/// <param name="Step">Step.</param>
/// <param name="Started">When its first work began.</param>
/// <param name="Duration">Time spent in it.</param>
public sealed record StepTiming(RunStep Step, DateTimeOffset Started, TimeSpan Duration);

/// <summary>Outcome of a run. <c>RowsRead == RowsWritten + RowsRejected + RowsSkipped</c> on success; on failure rows read
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
    /// <summary>Why the run failed; <see cref="EtlDataException"/> for data problems (not retried), anything
    /// else may be transient.</summary>
    public Exception? Error { get; init; }
}
