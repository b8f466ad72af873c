using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

/// <summary>The heartbeat keeps a running run's counts in its row, so the run page of a run killed mid-way still says
/// read = written + rejected + filtered + skipped.</summary>
public sealed class HeartbeatCountsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_heartbeat_records_the_filtered_and_skipped_rows_with_the_other_counts()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var (run, _) = await app.Get<RunStates>().QueueAsync(new RunToQueue(flow.Id, flow.Name, group.Id, RunTrigger.Manual), merge: true, Ct);
        Assert.True(await app.Get<RunStates>().ClaimAsync(run, Ct));

        await app.Get<RunRecorder>().HeartbeatAsync(run.Id, new RunProgress(RunStep.Load, 100, 80, 5, RowsSkipped: 3, RowsFiltered: 12), Ct);

        await using var db = await app.DbAsync();
        var stored = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id, Ct);
        Assert.Equal((100L, 80L, 5L, 3L, 12L), (stored.RowsRead, stored.RowsWritten, stored.RowsRejected, stored.RowsSkipped, stored.RowsFiltered));
    }
}
