namespace EtlStudio.Engine;

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
