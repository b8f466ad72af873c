using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Components.Controls;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

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
        var partitions = run.Partitions > 0
            ? await db.RunPartitions.AsNoTracking().Where(p => p.RunId == id).OrderBy(p => p.Index).ToListAsync(cancellationToken)
            : [];
        return new RunDetail(run, group, steps, artifacts, log, rejected, staged, mode, partitions);
    }

    /// <summary>Steps in the order the pipeline runs them (their start times interleave: stages stream into each other).</summary>
    internal static List<FlowRunStep> PipelineOrder(IEnumerable<FlowRunStep> steps) =>
        [.. steps.OrderBy(s => Enum.TryParse<RunStep>(s.Name, out var step) ? (int)step : int.MaxValue).ThenBy(s => s.Id)];

    /// <summary>How often a live view of a run re-reads its record (updates of runs executing on another instance are
    /// not published here).</summary>
    public static readonly TimeSpan RereadInterval = TimeSpan.FromSeconds(2);

    /// <summary>What the live progress panel re-reads every <see cref="RereadInterval"/>.</summary>
    public async Task<RunProgressSnapshot?> ProgressAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new RunProgressSnapshot(r.Status, r.RowsRead, r.RowsWritten, r.RowsRejected, r.StartedUtc, r.EndedUtc, r.Error, r.RowsFiltered))
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
