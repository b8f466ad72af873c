namespace EtlStudio.Data.Entities;

/// <summary>One share of a partitioned run: a chunk of the files the run listed (or a range of its query), loaded by its own Hangfire job on
/// whichever instance takes it. The run's record sums its partitions' counts.</summary>
/// <remarks>Status: Queued (waiting for a slot, or handed to Hangfire when <see cref="Slot"/> is set) → Running →
/// Succeeded / Failed / Cancelled. <see cref="Slot"/> is set while the partition is in flight (handed to Hangfire or
/// running); a unique index on (run, slot) keeps at most the flow's partitions in flight, across instances.</remarks>
public class RunPartition
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    /// <summary>0-based position in the run's file list.</summary>
    public int Index { get; set; }
    /// <summary>The files (paths relative to the source's location), one a line, in load order.</summary>
    public required string Files { get; set; }
    public int FileCount { get; set; }
    /// <summary>Query partitions: the range of the partition column it reads, as JSON (column, kind, lower, upper); null
    /// for a file partition. A resume of the run reads the same ranges again.</summary>
    public string? Range { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Queued;
    /// <summary>In-flight slot (0 to in-flight − 1) while handed to Hangfire or running; null otherwise.</summary>
    public int? Slot { get; set; }
    public string? JobId { get; set; }
    /// <summary>The process that runs (or last ran) it, <c>machine:pid:instance</c>.</summary>
    public string? Executor { get; set; }
    /// <summary>How many times a job started it (above 1: its earlier instance died or it was retried).</summary>
    public int Attempts { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public DateTime? HeartbeatUtc { get; set; }
    public long RowsRead { get; set; }
    public long RowsWritten { get; set; }
    public long RowsRejected { get; set; }
    public long RowsFiltered { get; set; }
    public long RowsSkipped { get; set; }
    public long RowsInserted { get; set; }
    public long RowsUpdated { get; set; }
    public string? Error { get; set; }
}
