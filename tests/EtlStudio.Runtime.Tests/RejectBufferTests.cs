using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EtlStudio.Runtime.Tests;

public sealed class RejectBufferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_attempt_stores_each_rejected_row_once_whether_the_earlier_attempt_ran_here_or_in_a_process_that_died()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var contexts = app.Get<IDbContextFactory<EtlDbContext>>();
        var runId = Guid.CreateVersion7();
        await using (var db = await app.DbAsync())
        {
            db.Runs.Add(new FlowRun { Id = runId, FlowName = "Orders", Trigger = RunTrigger.Manual, Status = RunStatus.Running, QueuedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        // The first attempt's process: rows 1 and 2 stored (before a batch was written), then it died.
        var died = new RejectBuffer(contexts, runId, maxStored: 100, keepInMemory: false, NullLogger.Instance);
        await died.AddAsync(Row("a.csv", 1), Ct);
        await died.AddAsync(Row("a.csv", 2), Ct);
        await ((IRejectSink)died).FlushAsync(Ct);

        // The attempt delivered again rejects rows 2 and 3 (row 1 lies in a batch its ledger skips), then is retried here.
        await using var again = new RejectBuffer(contexts, runId, maxStored: 100, keepInMemory: true, NullLogger.Instance);
        await again.BeginAttemptAsync(Ct);
        await again.AddAsync(Row("a.csv", 2), Ct);
        await again.AddAsync(Row("a.csv", 3), Ct);
        await again.AddAsync(Row("b.csv", 2), Ct);
        await again.BeginAttemptAsync(Ct);
        await again.AddAsync(Row("a.csv", 3), Ct);
        await again.FlushAsync(Ct);

        await using var check = await app.DbAsync();
        var stored = await check.RejectedRows.Where(r => r.RunId == runId).OrderBy(r => r.Origin).ThenBy(r => r.RowNumber)
            .Select(r => r.Origin + ":" + r.RowNumber).ToListAsync(Ct);
        Assert.Equal(["a.csv:1", "a.csv:2", "a.csv:3", "b.csv:2"], stored);
        // What a Kafka batch dead-letters is the last attempt's rejects only.
        Assert.Equal(["a.csv:3"], again.Kept.Select(r => r.Origin + ":" + r.RowNumber));
    }

    private static RejectedRow Row(string origin, long record) => new(origin, record, "id", "x", "not a number");
}
