using System.Globalization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Runs;

/// <summary>A run with what its detail page shows at once (rejected rows are paged separately).</summary>
/// <param name="Staged">For a run that ended without recording its artifacts (killed), what its staging holds.</param>
/// <param name="Mode">The flow's load mode, when the flow still exists.</param>
/// <param name="Steps">In pipeline order: Extract, Parse, Map, Load.</param>
/// <param name="Partitions">A partitioned run's partitions in file order; empty otherwise.</param>
/// <param name="Artifacts">By name and size only: where the staging store keeps them is the server's business.</param>
public sealed record RunDetail(FlowRun Run, string? Group, IReadOnlyList<FlowRunStep> Steps, IReadOnlyList<RunArtifactView> Artifacts, IReadOnlyList<RunLogEntry> Log, long RejectedRecords,
    IReadOnlyList<RunArtifactView>? Staged = null, LoadMode? Mode = null, IReadOnlyList<RunPartition>? Partitions = null)
{
    /// <summary>Rows read that are neither written, rejected, filtered nor skipped: a failed batch or a rolled-back replace.</summary>
    public long Unaccounted => Run.RowsRead - Run.RowsWritten - Run.RowsRejected - Run.RowsFiltered - Run.RowsSkipped;

    /// <summary>"read = written + rejected + filtered (+ skipped)", the run's promise in one line.</summary>
    public string Balance => RunCounts.Balance(Run.RowsRead, Run.RowsWritten, Run.RowsRejected, Run.RowsFiltered, Run.RowsSkipped);

    /// <summary>The run ended without finishing its load, and its flow is still there to load into.</summary>
    public bool Unfinished => Run.Status is RunStatus.Failed or RunStatus.Cancelled or RunStatus.Abandoned && Run.FlowId is not null;

    /// <summary>Rows of the run's load that are in the table (as of its last record): a replace commits all or nothing.</summary>
    public long Committed => Mode == LoadMode.TruncateReplace && Run.Status != RunStatus.Succeeded ? 0 : Run.RowsWritten + Run.RowsSkipped;

    /// <summary>Its staged mapped output is whole (a replay can load it all).</summary>
    public bool StagedComplete =>
        Artifacts.Any(a => a.Name == "mapped.complete") || (Staged ?? []).Any(a => a.Name == "mapped.complete");

    /// <summary>Part of the load committed: Resume loads the rest (and Replay, which would load it all again, is not offered).</summary>
    public bool OffersResume => Unfinished && (Committed > 0 || !StagedComplete);

    /// <summary>Nothing committed and the staged output is whole: Replay loads it without extracting again.</summary>
    public bool OffersReplay => Unfinished && Committed == 0 && StagedComplete;

    /// <summary>What the page says about a load that stopped part way, or null.</summary>
    public string? CommittedNote => Unfinished && Committed > 0
        ? Run.Status == RunStatus.Abandoned
            ? $"At least {N(Committed)} row(s) were committed before the process stopped (the last count it recorded). Resume loads the rest: the destination's batch ledger says which batches are in, so none is loaded twice."
            : $"{N(Committed)} row(s) were committed before the run stopped. Resume loads the rest without loading any of them twice."
        : null;

    /// <summary>What the written rows did to the table, when that says more than "written": an upsert that updated rows,
    /// or a replace that deleted old ones (only once it committed: a failed replace was rolled back). Null otherwise.</summary>
    public string? TableChanges => Run switch
    {
        { RowsDeleted: > 0, Status: RunStatus.Succeeded } => $"Table replaced: {N(Run.RowsInserted)} inserted, {N(Run.RowsDeleted)} old row(s) deleted",
        { RowsUpdated: > 0 } => $"{N(Run.RowsInserted)} inserted · {N(Run.RowsUpdated)} updated",
        _ => null,
    };

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
