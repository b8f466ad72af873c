using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

/// <summary>What the engine tells a run's log (<see cref="EtlStudio.Engine.IRunLog"/>) reaches the stored run log:
/// warnings as Warning, facts (a lookup's entry count and load time) as Information, each message once.</summary>
public sealed class RunWarningsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Warnings_and_facts_are_written_once_each_at_their_own_level()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var (run, _) = await app.Get<RunStates>().QueueAsync(new RunToQueue(flow.Id, flow.Name, group.Id, RunTrigger.Manual), merge: true, Ct);
        var log = new RunWarnings();

        log.Info("lookup 'countries': 3 entries (1 field) loaded from 1 file in 4 ms");
        log.Warn("lookup 'countries': 1 record with an empty key field 'code' was left out");
        log.Warn("lookup 'countries': 1 record with an empty key field 'code' was left out");
        await log.FlushAsync(app.Get<RunRecorder>(), run.Id);

        await using var db = await app.DbAsync();
        var lines = await db.RunLogs.Where(l => l.RunId == run.Id && l.Message.StartsWith("lookup")).OrderBy(l => l.Id)
            .Select(l => new { l.Level, l.Message }).ToListAsync(Ct);
        Assert.Equal(
            [("Information", "lookup 'countries': 3 entries (1 field) loaded from 1 file in 4 ms"),
             ("Warning", "lookup 'countries': 1 record with an empty key field 'code' was left out")],
            lines.Select(l => (l.Level, l.Message)));
    }
}
