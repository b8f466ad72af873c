using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Groups;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests;

public sealed class GroupsPageTests : PortalContext
{
    private readonly RecordingRunLauncher _launcher = new();

    public GroupsPageTests() => Services.AddSingleton<IRunLauncher>(_launcher);

    [Fact]
    public async Task Lists_groups_with_schedule_in_words_next_fire_and_flow_count()
    {
        Clock.SetUtcNow(new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero));
        await AddGroupAsync("Nightly", "30 2 * * *", "Europe/Amsterdam", flows: 2);
        var cut = Render<GroupsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Nightly", cut.Find("table").TextContent));
        var row = cut.Find("tbody tr");
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Contains("At 02:30, every day", cells[1]);
        Assert.Equal("Europe/Amsterdam", cells[2]);
        Assert.Equal("2027-03-28 03:00 Europe/Amsterdam (UTC+02:00)", cells[3]);
        Assert.Equal("2", cells[4]);
    }

    [Fact]
    public async Task Delete_asks_for_confirmation_and_cancel_keeps_the_group()
    {
        await AddGroupAsync("Nightly", "0 2 * * *", "UTC", flows: 1);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<GroupsPage>();

        cut.WaitForElement("button[aria-label='Delete Nightly']").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Delete group 'Nightly'? Its 1 flow(s) are deleted too; their run history is kept.", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete group 'Nightly'", dialogs.Markup));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Groups.CountAsync(Ct));
    }

    [Fact]
    public async Task Delete_after_confirmation_removes_the_group_and_its_flows()
    {
        await AddGroupAsync("Nightly", "0 2 * * *", "UTC", flows: 2);
        await AddGroupAsync("Hourly", "0 * * * *", "UTC", flows: 0);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<GroupsPage>();

        cut.WaitForElement("button[aria-label='Delete Nightly']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete group 'Nightly'?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[aria-label='Delete Nightly']")));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(["Hourly"], await db.Groups.Select(g => g.Name).ToListAsync(Ct));
        Assert.Equal(0, await db.Flows.CountAsync(Ct));
    }

    [Fact]
    public async Task Switch_disables_and_enables_a_group()
    {
        await AddGroupAsync("Nightly", "0 2 * * *", "UTC", flows: 0);
        var cut = Render<GroupsPage>();

        cut.WaitForElement("input[aria-label='Enabled: Nightly']").Change(false);

        await WaitForEnabledAsync(false);
        cut.WaitForAssertion(() => Assert.Contains("disabled", cut.Find("tbody tr").TextContent));
        cut.Find("input[aria-label='Enabled: Nightly']").Change(true);
        await WaitForEnabledAsync(true);
    }

    [Fact]
    public async Task Each_group_lists_its_flows_with_the_last_run_status_or_never_run()
    {
        var nightly = await AddGroupAsync("Nightly", "0 2 * * *", "UTC", flows: 2);
        var other = await AddGroupAsync("Hourly", "0 * * * *", "UTC", flows: 1);
        var failed = await AddRunAsync(nightly.Flows[0], RunStatus.Failed, new DateTime(2027, 1, 14, 2, 0, 0, DateTimeKind.Utc));
        await AddRunAsync(nightly.Flows[0], RunStatus.Succeeded, new DateTime(2027, 1, 13, 2, 0, 0, DateTimeKind.Utc));
        await AddRunAsync(other.Flows[0], RunStatus.Succeeded, new DateTime(2027, 1, 15, 2, 0, 0, DateTimeKind.Utc));
        var cut = Render<GroupsPage>();

        var flows = cut.WaitForElement("[aria-label='Flows of Nightly']").QuerySelectorAll("table > tbody > tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => Words(td.TextContent)).ToArray()).ToArray();
        Assert.Equal([["Flow 1", "yes", "Failed 2027-01-14 02:00 UTC"], ["Flow 2", "yes", "never run"]], flows);
        var link = cut.Find("[aria-label='Flows of Nightly'] [data-testid='last-run'] a");
        Assert.Equal($"runs/{failed}", link.GetAttribute("href"));
        Assert.Equal($"flows/{nightly.Flows[0].Id}", cut.Find("[aria-label='Flows of Nightly'] tbody tr td a").GetAttribute("href"));
    }

    [Fact]
    public async Task Latest_run_per_flow_is_a_limit_1_subquery_on_the_index_not_a_window_over_the_whole_history()
    {
        await using var sqlite = await Contexts.CreateDbContextAsync(Ct);
        await using var postgres = new PostgresEtlDbContext(PostgresEtlDbContext.CreateOptions("Host=unused"));

        foreach (var sql in new[] { GroupStore.FlowsWithLastRunId(sqlite).ToQueryString(), GroupStore.FlowsWithLastRunId(postgres).ToQueryString() })
        {
            Assert.Contains("LIMIT 1", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("ROW_NUMBER", sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_group_now_is_offered_to_an_operator_and_starts_the_group()
    {
        var group = await AddGroupAsync("Nightly", "0 2 * * *", "UTC", flows: 2);
        SignInAs(Roles.Operator);
        Render<MudPopoverProvider>();
        var cut = Render<GroupsPage>();

        await cut.WaitForElement("button[aria-label='Run group now Nightly']").ClickAsync(new());

        Assert.Equal([$"run group {group.Id} by operator@example.com"], _launcher.Calls);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role='status']")));
        // An Operator runs but does not edit: no New, Edit, Delete or switch, and names are not links to the editors.
        Assert.Empty(cut.FindAll("button[aria-label='Delete Nightly'], a[aria-label='Edit Nightly'], input[aria-label='Enabled: Nightly']"));
        Assert.DoesNotContain("New group", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("a[href^='groups/'], a[href^='flows/']"));
    }

    [Fact]
    public async Task Viewer_sees_flows_and_statuses_but_no_action_and_an_action_sent_anyway_is_refused()
    {
        var group = await AddGroupAsync("Nightly", "0 2 * * *", "UTC", flows: 2);
        SignInAs(Roles.Viewer);
        var cut = Render<GroupsPage>();

        cut.WaitForElement("[aria-label='Flows of Nightly']");
        Assert.Empty(cut.FindAll("button"));
        Assert.Empty(cut.FindAll("input"));
        Assert.Equal("yes", cut.FindAll("tbody tr").First().QuerySelectorAll("td")[5].TextContent.Trim());
        var row = new GroupRow(group.Id, group.Name, null, group.Cron, group.TimeZone, true, 1, 2);
        await cut.InvokeAsync(() => cut.Instance.DeleteAsync(row));
        await cut.InvokeAsync(() => cut.Instance.SetEnabledAsync(row, false));

        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.True(await db.Groups.AnyAsync(g => g.Id == group.Id && g.Enabled, Ct));
        Assert.Equal(2, await db.Flows.CountAsync(Ct));
        Assert.Empty(_launcher.Calls);
    }

    private async Task<Guid> AddRunAsync(Flow flow, RunStatus status, DateTime endedUtc)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var run = new FlowRun { Id = Guid.NewGuid(), FlowId = flow.Id, FlowName = flow.Name, GroupId = flow.GroupId, Trigger = RunTrigger.Schedule, Status = status,
            QueuedUtc = endedUtc.AddMinutes(-5), StartedUtc = endedUtc.AddMinutes(-4), EndedUtc = endedUtc };
        db.Runs.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    private static string Words(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task WaitForEnabledAsync(bool expected)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var db = await Contexts.CreateDbContextAsync(Ct);
            if (await db.Groups.AnyAsync(g => g.Enabled == expected, Ct)) return;
            await Task.Delay(50, Ct);
        }
        Assert.Fail($"The group never became Enabled={expected}.");
    }

    private async Task<Group> AddGroupAsync(string name, string cron, string zone, int flows)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var group = new Group { Name = name, Cron = cron, TimeZone = zone };
        for (var i = 1; i <= flows; i++) group.Flows.Add(new Flow { Name = $"Flow {i}", Order = i });
        db.Groups.Add(group);
        await db.SaveChangesAsync(Ct);
        return group;
    }
}
