using EtlStudio.Data.Entities;
using EtlStudio.Web.Components.Pages.Groups;
using EtlStudio.Web.Editing;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace EtlStudio.Web.Tests;

public sealed class GroupsPageTests : PortalContext
{
    [Fact]
    public async Task Lists_groups_with_schedule_in_words_next_fire_and_flow_count()
    {
        Clock.SetUtcNow(new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero));
        await AddGroupAsync("Nightly", "30 2 * * *", "Europe/Amsterdam", flows: 2);
        var cut = Render<Groups>();

        cut.WaitForAssertion(() => Assert.Contains("Nightly", cut.Find("table").TextContent));
        var row = cut.Find("tbody tr");
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Contains("At 02:30, every day", cells[1]);
        Assert.Equal("Europe/Amsterdam", cells[2]);
        Assert.Equal("2027-03-28 03:00 +02:00", cells[3]);
        Assert.Equal("2", cells[4]);
    }

    [Fact]
    public async Task Delete_asks_for_confirmation_and_cancel_keeps_the_group()
    {
        await AddGroupAsync("Nightly", "0 2 * * *", "UTC", flows: 1);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Groups>();

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
        var cut = Render<Groups>();

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
        var cut = Render<Groups>();

        cut.WaitForElement("input[aria-label='Enabled: Nightly']").Change(false);

        await WaitForEnabledAsync(false);
        cut.WaitForAssertion(() => Assert.Contains("disabled", cut.Find("tbody tr").TextContent));
        cut.Find("input[aria-label='Enabled: Nightly']").Change(true);
        await WaitForEnabledAsync(true);
    }

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

    private async Task AddGroupAsync(string name, string cron, string zone, int flows)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var group = new Group { Name = name, Cron = cron, TimeZone = zone };
        for (var i = 1; i <= flows; i++) group.Flows.Add(new Flow { Name = $"Flow {i}", Order = i });
        db.Groups.Add(group);
        await db.SaveChangesAsync(Ct);
    }
}
