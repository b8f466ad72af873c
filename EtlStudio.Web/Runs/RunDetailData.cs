using System.Globalization;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Components.Controls;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>A run with what its detail page shows at once (rejected rows are paged separately).</summary>
/// <param name="Staged">For a run that ended without recording its artifacts (killed), what its staging holds.</param>
/// <param name="Mode">The flow's load mode, when the flow still exists.</param>
/// <param name="Steps">In pipeline order: Extract, Parse, Map, Load.</param>
/// <param name="Artifacts">By name and size only: where the staging store keeps them is the server's business.</param>
public sealed record RunDetail(FlowRun Run, string? Group, IReadOnlyList<FlowRunStep> Steps, IReadOnlyList<RunArtifactView> Artifacts, IReadOnlyList<RunLogEntry> Log, long RejectedRecords,
    IReadOnlyList<RunArtifactView>? Staged = null, LoadMode? Mode = null)
{
    /// <summary>Rows read that are neither written nor rejected: a failed batch or a rolled-back replace.</summary>
    public long Unaccounted => Run.RowsRead - Run.RowsWritten - Run.RowsRejected - Run.RowsSkipped;

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

/// <summary>Reads a run's detail and its rejected rows page by page.</summary>
internal sealed class RunDetailData(IDbContextFactory<EtlDbContext> contexts, IStagingStore staging, ILogger<RunDetailData> logger)
{
    private const int MaxLogLines = 500;

    public async Task<RunDetail?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null) return null;
        var group = run.GroupId is { } g ? await db.Groups.Where(x => x.Id == g).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var steps = PipelineOrder(await db.RunSteps.AsNoTracking().Where(s => s.RunId == id).ToListAsync(cancellationToken));
        var artifacts = await db.RunArtifacts.AsNoTracking().Where(a => a.RunId == id).OrderBy(a => a.Name)
            .Select(a => new RunArtifactView(a.Id, a.Name, a.Length)).ToListAsync(cancellationToken);
        var log = await db.RunLogs.AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Id).Take(MaxLogLines).ToListAsync(cancellationToken);
        var rejected = await db.RejectedRows.LongCountAsync(r => r.RunId == id, cancellationToken);
        var mode = run.FlowId is { } f ? await db.Flows.Where(x => x.Id == f).Select(x => (LoadMode?)x.LoadMode).FirstOrDefaultAsync(cancellationToken) : null;
        // A killed run recorded no artifacts: show what its staging holds, so the user sees what is on disk.
        var staged = artifacts.Count == 0 && run.Status is RunStatus.Abandoned or RunStatus.Failed or RunStatus.Cancelled ? await ListStagedAsync(id, cancellationToken) : null;
        return new RunDetail(run, group, steps, artifacts, log, rejected, staged, mode);
    }

    /// <summary>Steps in the order the pipeline runs them (their start times interleave: stages stream into each other).</summary>
    internal static List<FlowRunStep> PipelineOrder(IEnumerable<FlowRunStep> steps) =>
        [.. steps.OrderBy(s => Enum.TryParse<RunStep>(s.Name, out var step) ? (int)step : int.MaxValue).ThenBy(s => s.Id)];

    /// <summary>What the live progress panel re-reads every two seconds.</summary>
    public async Task<RunProgressSnapshot?> ProgressAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new RunProgressSnapshot(r.Status, r.RowsRead, r.RowsWritten, r.RowsRejected, r.StartedUtc, r.EndedUtc, r.Error))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<RunArtifactView>?> ListStagedAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await staging.ListAsync(id, cancellationToken)).Select(a => new RunArtifactView(null, a.Name, a.Length))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            PortalLog.HandlerFailed(logger, "list staged artifacts", e);
            return null;
        }
    }

    public async Task<(List<RejectedRowRecord> Rows, int Total)> RejectedAsync(Guid id, int page, int size, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.RejectedRows.AsNoTracking().Where(r => r.RunId == id);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderBy(r => r.Id).Skip(page * size).Take(size).ToListAsync(cancellationToken);
        return (items, total);
    }
}
