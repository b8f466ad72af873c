namespace EtlStudio.Data.Entities;

/// <summary>One run of a flow. Times are UTC <see cref="DateTime"/> so every provider (SQLite included) can sort them.</summary>
/// <remarks>Run history outlives its flow: deleting a flow sets <see cref="FlowId"/> to null and the run keeps the
/// <see cref="FlowName"/> and <see cref="GroupId"/> it was queued with.</remarks>
public class FlowRun
{
    public Guid Id { get; set; }
    public int? FlowId { get; set; }
    public Flow? Flow { get; set; }
    /// <summary>The flow's name when the run was queued, so history stays readable after a rename or delete.</summary>
    public required string FlowName { get; set; }
    /// <summary>The flow's group when the run was queued (not a foreign key: history survives deleting the group).</summary>
    public int? GroupId { get; set; }
    public RunTrigger Trigger { get; set; }
    /// <summary>Who started the run: a user name, "schedule" (with the due time when known) or "kafka:{topic}".</summary>
    public string? TriggeredBy { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Queued;
    public DateTime QueuedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public long RowsRead { get; set; }
    public long RowsWritten { get; set; }
    public long RowsRejected { get; set; }
    /// <summary>Rows the flow's row filter dropped: read = written + rejected + filtered + skipped.</summary>
    public long RowsFiltered { get; set; }
    /// <summary>Of <see cref="RowsWritten"/>, rows that added a new row (Append and TruncateReplace: all of them).</summary>
    public long RowsInserted { get; set; }
    /// <summary>Of <see cref="RowsWritten"/>, Upsert rows whose key was already in the table (or earlier in the run).</summary>
    public long RowsUpdated { get; set; }
    /// <summary>TruncateReplace: the old rows the replace removed.</summary>
    public long RowsDeleted { get; set; }
    public string? Error { get; set; }
    /// <summary>Why it waited or was skipped, retried, etc.</summary>
    public string? Note { get; set; }
    public string? JobId { get; set; }
    /// <summary>Set when this run resumes (or replays the staged data of) another run: it loads only what that run's
    /// load did not commit.</summary>
    public Guid? ReplayOfRunId { get; set; }
    /// <summary>The load this run commits batches for in the destination's batch ledger: the first run of a chain of
    /// resumes (null: this run's own id). Batches whose receipt exists under it are skipped.</summary>
    public Guid? LoadId { get; set; }
    /// <summary>Rows read that an earlier run of the same load had already committed (skipped, not loaded again).</summary>
    public long RowsSkipped { get; set; }
    /// <summary>Identity of the process executing the run (<c>machine:pid:instance</c>); a run whose process is gone is
    /// marked Abandoned at once.</summary>
    public string? Executor { get; set; }
    /// <summary>Written every few seconds while Running; a Running run whose heartbeat is old was left by a killed
    /// process and is marked Abandoned.</summary>
    public DateTime? HeartbeatUtc { get; set; }
    /// <summary>Set by Cancel; the instance executing the run polls it and stops.</summary>
    public bool CancelRequested { get; set; }
    /// <summary>The flow id while the run is Queued, null otherwise. A unique index on it makes "at most one queued run
    /// per flow" hold even when two presses of Run now race.</summary>
    public int? QueuedFlowId { get; set; }
    /// <summary>Partitions the run was split into (<see cref="RunPartition"/>); 0 when it runs as one piece.</summary>
    public int Partitions { get; set; }
    public List<FlowRunStep> Steps { get; set; } = [];
    public List<RunArtifact> Artifacts { get; set; } = [];
}
