namespace EtlStudio.Engine.Pipeline;

/// <summary>What a dry run (<see cref="FlowRunner.DryRunAsync"/>) found: the load it would have done, rolled back.
/// On success <c>RowsRead == WouldInsert + WouldUpdate + RowsRejected + RowsFiltered</c>.</summary>
public sealed record DryRunResult
{
    /// <summary>How many rejected rows <see cref="Rejects"/> keeps at most.</summary>
    public const int MaxRejects = 100;

    /// <summary>True when the whole flow ran to its end (and was then rolled back).</summary>
    public required bool Succeeded { get; init; }
    /// <summary>Records read.</summary>
    public long RowsRead { get; init; }
    /// <summary>Rows that would add a new row.</summary>
    public long WouldInsert { get; init; }
    /// <summary>Upsert rows whose key is already in the table (or earlier in the source).</summary>
    public long WouldUpdate { get; init; }
    /// <summary>TruncateReplace: the rows now in the table that the replace would remove.</summary>
    public long WouldDelete { get; init; }
    /// <summary>Rows rejected (the reject threshold applies as in a real run).</summary>
    public long RowsRejected { get; init; }
    /// <summary>Rows the flow's row filter would drop (not rejects).</summary>
    public long RowsFiltered { get; init; }
    /// <summary>The first <see cref="MaxRejects"/> rejected rows, in the order they were rejected.</summary>
    public IReadOnlyList<RejectedRow> Rejects { get; init; } = [];
    /// <summary>Schema drift and DDL events the run would log (<see cref="FlowRunResult.SchemaEvents"/>).</summary>
    public IReadOnlyList<string> SchemaEvents { get; init; } = [];
    /// <summary>DDL the run would execute (create the table, add columns); the dry run ran it and rolled it back.</summary>
    public IReadOnlyList<string> SchemaStatements { get; init; } = [];
    /// <summary>Per-step timings.</summary>
    public IReadOnlyList<StepTiming> Steps { get; init; } = [];
    /// <summary>Why the dry run failed, as <see cref="FlowRunResult.Error"/>.</summary>
    public Exception? Error { get; init; }

    internal static DryRunResult From(FlowRunResult run, IReadOnlyList<RejectedRow> rejects) => new()
    {
        Succeeded = run.Succeeded,
        RowsRead = run.RowsRead,
        WouldInsert = run.RowsInserted,
        WouldUpdate = run.RowsUpdated,
        WouldDelete = run.RowsDeleted,
        RowsRejected = run.RowsRejected,
        RowsFiltered = run.RowsFiltered,
        Rejects = rejects,
        Steps = run.Steps,
        SchemaEvents = run.SchemaEvents,
        SchemaStatements = run.SchemaStatements,
        Error = run.Error,
    };
}
