using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

public sealed class GroupRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_group_run_starts_its_enabled_flows_in_order_one_at_a_time_when_max_parallel_is_one()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app, maxParallel: 1);
        var third = await FlowAsync(app, group, order: 3);
        var first = await FlowAsync(app, group, order: 1);
        var disabled = await FlowAsync(app, group, order: 0, enabled: false);
        var second = await FlowAsync(app, group, order: 2);

        using var signedInErin = SignedIn.As("erin");

        var ids = await app.Get<IRunLauncher>().RunGroupAsync(group.Id, RunTrigger.Manual, Ct);
        var runs = new List<FlowRun>();
        foreach (var id in ids) runs.Add(await app.WaitForEndAsync(id));

        Assert.Equal([first, second, third], runs.Select(r => r.FlowId!.Value));
        Assert.DoesNotContain(runs, r => r.FlowId == disabled);
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.True(pair.First.EndedUtc <= pair.Second.StartedUtc,
            $"{pair.First.FlowName} ended {pair.First.EndedUtc:O}, after {pair.Second.FlowName} started {pair.Second.StartedUtc:O}"));
        Assert.Single(runs.Select(r => r.JobId).Distinct());
    }

    [Fact]
    public async Task Running_a_group_twice_while_its_runs_are_queued_returns_the_same_runs()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app, maxParallel: 2);
        await FlowAsync(app, group, order: 1);
        await FlowAsync(app, group, order: 2);
        var launcher = app.Get<IRunLauncher>();

        var once = await launcher.RunGroupAsync(group.Id, RunTrigger.Manual, Ct);
        var twice = await launcher.RunGroupAsync(group.Id, RunTrigger.Manual, Ct);

        Assert.Equal(2, once.Count);
        Assert.Equal(once, twice);
        await using var db = await app.DbAsync();
        Assert.Equal(2, await db.Runs.CountAsync(Ct));
    }

    [Fact]
    public async Task Unknown_flow_and_group_ids_are_reported_as_not_found()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var launcher = app.Get<IRunLauncher>();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => launcher.RunFlowAsync(4242, RunTrigger.Api, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => launcher.RunGroupAsync(4242, RunTrigger.Api, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => launcher.ResumeAsync(Guid.NewGuid(), Ct));
    }

    private static async Task<int> FlowAsync(RuntimeApp app, Group group, int order, bool enabled = true)
    {
        var (flow, source, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events", f => { f.Order = order; f.Enabled = enabled; });
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, 'b')");
        return flow.Id;
    }
}
