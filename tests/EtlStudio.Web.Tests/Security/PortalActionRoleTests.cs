using EtlStudio.Data.Entities;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests.Security;

/// <summary>Run now, Cancel and Replay through the UI for each role: hidden from those who may not, and the handler
/// refuses when its event arrives anyway.</summary>
public sealed class PortalActionRoleTests : PortalContext
{
    private readonly RecordingRunLauncher _launcher = new();

    public PortalActionRoleTests() => Services.AddSingleton<IRunLauncher>(_launcher);

    /// <summary>Nothing reached the launcher, and the user was told why.</summary>
    private void AssertRefused(string action)
    {
        Assert.Empty(_launcher.Calls);
        Assert.Contains($"Your role does not allow this: {action}.", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message));
    }

    [Fact]
    public async Task Viewer_sees_no_run_now_and_a_run_sent_anyway_is_refused()
    {
        SignInAs(Roles.Viewer);
        var cut = Render<RunNowButton>(p => p.Add(b => b.FlowId, 7).Add(b => b.FlowName, "Orders"));

        Assert.Empty(cut.FindAll("button"));
        await cut.InvokeAsync(cut.Instance.StartAsync);

        AssertRefused("run now");
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Admin)]
    public async Task Operator_and_up_start_a_run_with_run_now(string role)
    {
        SignInAs(role);
        Render<MudPopoverProvider>();
        var cut = Render<RunNowButton>(p => p.Add(b => b.FlowId, 7).Add(b => b.FlowName, "Orders"));

        await cut.Find("button[aria-label='Run now Orders']").ClickAsync(new());

        Assert.Equal([$"run flow 7 by {role.ToLowerInvariant()}@example.com"], _launcher.Calls);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role='status']")));
    }

    [Fact]
    public async Task Viewer_sees_no_cancel_on_a_running_run_and_a_cancel_sent_anyway_is_refused()
    {
        var run = await AddRunAsync(RunStatus.Running, staged: false);
        SignInAs(Roles.Viewer);
        var cut = Render<RunProgressPanel>(p => p.Add(x => x.RunId, run));
        cut.WaitForAssertion(() => Assert.Contains("Running", cut.Find("[role='status']").TextContent, StringComparison.Ordinal));

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Cancel");
        await cut.InvokeAsync(cut.Instance.CancelAsync);

        AssertRefused("cancel run");
    }

    [Fact]
    public async Task Operator_cancels_a_running_run()
    {
        var run = await AddRunAsync(RunStatus.Running, staged: false);
        SignInAs(Roles.Operator);
        var cut = Render<RunProgressPanel>(p => p.Add(x => x.RunId, run));

        await cut.WaitForElement("button").ClickAsync(new());

        Assert.Equal([$"cancel {run} by operator@example.com"], _launcher.Calls);
    }

    [Fact]
    public async Task Viewer_sees_no_replay_and_a_replay_sent_anyway_is_refused()
    {
        var run = await AddRunAsync(RunStatus.Failed, staged: true);
        SignInAs(Roles.Viewer);
        Render<MudPopoverProvider>();
        var cut = Render<RunDetailPage>(p => p.Add(x => x.Id, run));
        cut.WaitForAssertion(() => Assert.Contains("Run of Orders", cut.Markup, StringComparison.Ordinal));

        Assert.DoesNotContain("Replay", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Open flow", cut.Markup, StringComparison.Ordinal);
        await cut.InvokeAsync(cut.Instance.ReplayAsync);

        AssertRefused("resume load");
    }

    [Fact]
    public async Task Operator_replays_a_staged_run_but_is_not_offered_the_flow_designer()
    {
        var run = await AddRunAsync(RunStatus.Failed, staged: true);
        SignInAs(Roles.Operator);
        Render<MudPopoverProvider>();
        var cut = Render<RunDetailPage>(p => p.Add(x => x.Id, run));

        cut.WaitForAssertion(() => Assert.Contains("Replay load from staged data", cut.Markup, StringComparison.Ordinal));
        await cut.FindAll("button").Single(b => b.TextContent.Contains("Replay", StringComparison.Ordinal)).ClickAsync(new());

        Assert.Equal([$"replay {run} by operator@example.com"], _launcher.Calls);
        Assert.DoesNotContain("Open flow", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStatus.Abandoned, "At least 790,000 row(s) were committed before the process stopped")]
    [InlineData(RunStatus.Failed, "790,000 row(s) were committed before the run stopped")]
    public async Task A_run_that_committed_part_of_its_load_offers_Resume_not_Replay_and_says_how_many_rows_are_in(RunStatus status, string when)
    {
        var run = await AddRunAsync(status, staged: true, written: 790_000);
        SignInAs(Roles.Operator);
        Render<MudPopoverProvider>();
        var cut = Render<RunDetailPage>(p => p.Add(x => x.Id, run));

        cut.WaitForAssertion(() => Assert.Contains(when, cut.Find("[data-testid=run-committed]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Replay", cut.Markup, StringComparison.Ordinal);
        await cut.FindAll("button").Single(b => b.TextContent.Contains("Resume", StringComparison.Ordinal)).ClickAsync(new());

        Assert.Equal([$"replay {run} by operator@example.com"], _launcher.Calls);
    }

    [Fact]
    public async Task A_succeeded_run_offers_neither_Resume_nor_Replay()
    {
        var run = await AddRunAsync(RunStatus.Succeeded, staged: true, written: 10);
        Render<MudPopoverProvider>();
        var cut = Render<RunDetailPage>(p => p.Add(x => x.Id, run));

        cut.WaitForAssertion(() => Assert.Contains("Run of Orders", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Replay", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Resume", StringComparison.Ordinal));
    }

    private async Task<Guid> AddRunAsync(RunStatus status, bool staged, long written = 0)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var flow = new Flow { Name = "Orders", Group = new Group { Name = "Nightly", Cron = "0 2 * * *" } };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        var run = new FlowRun { Id = Guid.NewGuid(), FlowId = flow.Id, FlowName = flow.Name, GroupId = flow.GroupId, Trigger = RunTrigger.Schedule,
            Status = status, QueuedUtc = Clock.GetUtcNow().UtcDateTime, StartedUtc = Clock.GetUtcNow().UtcDateTime, RowsRead = written, RowsWritten = written };
        if (staged)
        {
            run.Artifacts.Add(new RunArtifact { Name = "mapped.ndjson", Location = "staging/mapped.ndjson", Length = 10 });
            run.Artifacts.Add(new RunArtifact { Name = "mapped.complete", Location = "staging/mapped.complete", Length = 9 });
        }
        db.Runs.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }
}
