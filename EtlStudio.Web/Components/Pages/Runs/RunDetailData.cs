using System.Globalization;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Components.Pages.Runs;

/// <summary>A run with what its detail page shows at once (rejected rows are paged separately).</summary>
public sealed record RunDetail(FlowRun Run, string? Group, IReadOnlyList<FlowRunStep> Steps, IReadOnlyList<RunArtifact> Artifacts, IReadOnlyList<RunLogEntry> Log, long RejectedRecords)
{
    /// <summary>Rows read that are neither written nor rejected: a failed batch or a rolled-back replace.</summary>
    public long Unaccounted => Run.RowsRead - Run.RowsWritten - Run.RowsRejected;

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
internal sealed class RunDetailData(IDbContextFactory<EtlDbContext> contexts)
{
    private const int MaxLogLines = 500;

    public async Task<RunDetail?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null) return null;
        var group = run.GroupId is { } g ? await db.Groups.Where(x => x.Id == g).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var steps = await db.RunSteps.AsNoTracking().Where(s => s.RunId == id).OrderBy(s => s.StartedUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var artifacts = await db.RunArtifacts.AsNoTracking().Where(a => a.RunId == id).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var log = await db.RunLogs.AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Id).Take(MaxLogLines).ToListAsync(cancellationToken);
        var rejected = await db.RejectedRows.LongCountAsync(r => r.RunId == id, cancellationToken);
        return new RunDetail(run, group, steps, artifacts, log, rejected);
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
