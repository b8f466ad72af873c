using System.Text.RegularExpressions;
using EtlStudio.Data.Entities;
using Group = EtlStudio.Data.Entities.Group;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EtlStudio.Browser.Tests;

public sealed partial class GroupsPageTests(PortalServer server, Chromium chromium) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        await server.SignInAsync(_context);
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Creating_a_group_with_a_bad_cron_shows_the_error_and_saves_nothing_until_it_is_fixed()
    {
        var name = $"Nightly {Guid.NewGuid():N}"[..16];
        await OpenAsync("groups");
        await Screenshots.SaveAsync(_page, "01-groups-list");

        await _page.GetByRole(AriaRole.Link, new() { Name = "New group" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/groups/new$"));
        await WaitForCircuitAsync();
        await _page.GetByLabel("Name").FillAsync(name);
        await _page.GetByLabel("Time zone").FillAsync("Europe/Amsterdam");
        await _page.GetByLabel("CRON").FillAsync("30 25 * * *");

        await Expect(_page.GetByText("Invalid CRON expression")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "02-bad-cron");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page.GetByText("Invalid CRON expression")).ToBeVisibleAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/groups/new$"));
        await Expect(_page.GetByLabel("CRON")).ToHaveValueAsync("30 25 * * *");
        Assert.Equal(0, await CountGroupsAsync(name));
        await Screenshots.SaveAsync(_page, "03-bad-cron-not-saved");

        await _page.GetByLabel("CRON").FillAsync("30 2 * * *");
        await Expect(_page.GetByText("Invalid CRON expression")).ToBeHiddenAsync();
        await Expect(_page.GetByText("At 02:30, every day")).ToBeVisibleAsync();
        var fireTimes = _page.GetByRole(AriaRole.List, new() { Name = "Next fire times" }).GetByRole(AriaRole.Listitem);
        await Expect(fireTimes).ToHaveCountAsync(5);
        foreach (var time in await fireTimes.AllTextContentsAsync()) Assert.Matches(FireTime(), time.Trim());
        await Screenshots.SaveAsync(_page, "04-cron-fixed-next-fire-times");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/groups$"));
        var row = _page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("At 02:30, every day");
        await Expect(row).ToContainTextAsync(FireTime());
        Assert.Equal(1, await CountGroupsAsync(name));
        await Screenshots.SaveAsync(_page, "05-group-saved");
    }

    [Fact]
    public async Task Navigation_reaches_every_section()
    {
        var name = $"Sales {Guid.NewGuid():N}"[..14];
        await AddFlowAsync(name);
        await OpenAsync("");
        foreach (var section in new[] { "Groups", "Flows", "Connections", "Runs", "Dashboard" })
        {
            await _page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = section }).ClickAsync();
            await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true })).ToBeVisibleAsync();
            // Every section lists something of the flow just added (its group, itself, its connection, its run).
            await Expect(_page.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(_page, "06-section-" + section.ToLowerInvariant());
        }
    }

    [Fact]
    public async Task Deleting_a_group_asks_for_confirmation_first()
    {
        var name = $"Weekly {Guid.NewGuid():N}"[..15];
        await AddFlowAsync(name);
        await OpenAsync("groups");

        await _page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        var dialog = _page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Delete group '{name}'? Its 1 flow(s) are deleted too; their run history is kept.");
        await Screenshots.SaveAsync(_page, "07-delete-confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(1, await CountGroupsAsync(name));

        await _page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToHaveCountAsync(0);
        Assert.Equal(0, await CountGroupsAsync(name));
    }

    private async Task AddFlowAsync(string name)
    {
        await using var db = await server.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var files = new Connection { Name = name + " files", Kind = ConnectionKind.LocalFolder, Settings = """{"path":"Samples"}""" };
        var group = new Group { Name = name, Cron = "0 6 * * 1-5", TimeZone = "Europe/Amsterdam" };
        var flow = new Flow { Name = name + " orders", Group = group, Order = 1, SourceConnection = files, SourcePath = "orders_*.csv",
            DestinationConnection = files, DestinationTable = "orders" };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Runs.Add(new FlowRun { Id = Guid.NewGuid(), FlowId = flow.Id, FlowName = flow.Name, GroupId = flow.GroupId, Trigger = RunTrigger.Manual, TriggeredBy = "tester", Status = RunStatus.Failed,
            QueuedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow, EndedUtc = DateTime.UtcNow.AddSeconds(3), RowsRead = 10, RowsRejected = 10,
            Error = "orders_1.csv row 2 column amount: 'abc' is not a decimal" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task OpenAsync(string path)
    {
        await _page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    // Clicks before the SignalR circuit is up are lost: wait for the marker rendered only when interactive.
    private Task WaitForCircuitAsync() => Expect(_page.GetByTestId("interactive")).ToBeAttachedAsync();

    private async Task<int> CountGroupsAsync(string name)
    {
        await using var db = await server.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Groups.CountAsync(g => g.Name == name, TestContext.Current.CancellationToken);
    }

    // 02:30 local; 03:00 on the spring-forward day. Offset +01:00 or +02:00 in Amsterdam.
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} (02:30|03:00) Europe/Amsterdam \(UTC\+0[12]:00\)")]
    private static partial Regex FireTime();
}
