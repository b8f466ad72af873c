using EtlStudio.Data.Entities;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

public sealed class RetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_older_than_the_retention_go_with_their_rows_logs_steps_artifacts_and_staged_files()
    {
        await using var app = await RuntimeApp.CreateAsync(new Dictionary<string, string?> { ["Retention:Days"] = "7" }, start: false);
        var group = await TestData.GroupAsync(app);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var old = await RunWithHistoryAsync(app, flow, DateTime.UtcNow.AddDays(-8));
        var recent = await RunWithHistoryAsync(app, flow, DateTime.UtcNow.AddDays(-6));
        var staging = app.Get<IStagingStore>();

        await app.Get<RetentionJob>().PurgeAsync(Ct);

        await using var db = await app.DbAsync();
        Assert.Equal([recent], await db.Runs.Select(r => r.Id).ToListAsync(Ct));
        Assert.Equal([recent], await db.RejectedRows.Select(r => r.RunId).Distinct().ToListAsync(Ct));
        Assert.Equal([recent], await db.RunLogs.Select(r => r.RunId).Distinct().ToListAsync(Ct));
        Assert.Equal([recent], await db.RunSteps.Select(r => r.RunId).Distinct().ToListAsync(Ct));
        Assert.Equal([recent], await db.RunArtifacts.Select(r => r.RunId).Distinct().ToListAsync(Ct));
        Assert.Empty(await staging.ListAsync(old, Ct));
        Assert.NotEmpty(await staging.ListAsync(recent, Ct));
    }

    private static async Task<Guid> RunWithHistoryAsync(RuntimeApp app, Flow flow, DateTime queuedUtc)
    {
        var id = Guid.CreateVersion7();
        await using (var file = await app.Get<IStagingStore>().OpenWriteAsync(id, "mapped.bin", Ct))
        {
            await file.WriteAsync(new byte[] { 1, 2, 3 }, Ct);
        }
        await using var db = await app.DbAsync();
        db.Runs.Add(new FlowRun
        {
            Id = id, FlowId = flow.Id, FlowName = flow.Name, GroupId = flow.GroupId, Status = RunStatus.Succeeded,
            QueuedUtc = queuedUtc, StartedUtc = queuedUtc, EndedUtc = queuedUtc.AddMinutes(1),
            Steps = [new FlowRunStep { Name = "Load", StartedUtc = queuedUtc }],
            Artifacts = [new RunArtifact { Name = "mapped.bin", Location = "x" }],
        });
        db.RejectedRows.Add(new RejectedRowRecord { RunId = id, Reason = "bad" });
        db.RunLogs.Add(new RunLogEntry { RunId = id, AtUtc = queuedUtc, Level = "Information", Message = "Started" });
        await db.SaveChangesAsync(Ct);
        return id;
    }
}
