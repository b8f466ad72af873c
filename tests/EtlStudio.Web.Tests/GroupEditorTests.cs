using AngleSharp.Dom;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Groups;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests;

public sealed class GroupEditorTests : PortalContext
{
    [Fact]
    public async Task Invalid_cron_shows_the_inline_error_and_saving_stores_nothing()
    {
        var cut = Render<GroupEditor>();
        cut.Find("#group-name").Input("Nightly");
        cut.Find("#group-cron").Input("61 * * * *");

        Assert.Contains("Invalid CRON expression", ErrorUnder(cut, "group-cron"));
        Assert.Empty(cut.FindAll("ul[aria-label='Next fire times'] li"));

        Save(cut);

        cut.WaitForAssertion(() => Assert.Contains("Invalid CRON expression", ErrorUnder(cut, "group-cron")));
        Assert.Equal("61 * * * *", cut.Find("#group-cron").GetAttribute("value"));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Groups.CountAsync(Ct));
    }

    [Fact]
    public void Valid_cron_shows_the_expression_in_words_and_the_next_five_fire_times()
    {
        var cut = RenderSchedule(new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero), "Europe/Amsterdam", "0 6 * * 1-5"); // a Friday

        Assert.Equal("At 06:00 on Monday through Friday", cut.Find("[data-testid='cron-words']").TextContent.Trim());
        Assert.Equal(
            ["2027-01-18 06:00 Europe/Amsterdam (UTC+01:00)", "2027-01-19 06:00 Europe/Amsterdam (UTC+01:00)", "2027-01-20 06:00 Europe/Amsterdam (UTC+01:00)", "2027-01-21 06:00 Europe/Amsterdam (UTC+01:00)", "2027-01-22 06:00 Europe/Amsterdam (UTC+01:00)"],
            FireTimes(cut));
        Assert.Empty(ErrorUnder(cut, "group-cron"));
    }

    [Fact]
    public void Next_fire_times_move_to_the_end_of_the_gap_on_the_spring_DST_change_in_Amsterdam()
    {
        var cut = RenderSchedule(new DateTimeOffset(2027, 3, 26, 12, 0, 0, TimeSpan.Zero), "Europe/Amsterdam", "30 2 * * *");

        // 02:30 does not exist on 28 March 2027 (02:00 jumps to 03:00): Cronos fires at 03:00 CEST instead.
        Assert.Equal(
            ["2027-03-27 02:30 Europe/Amsterdam (UTC+01:00)", "2027-03-28 03:00 Europe/Amsterdam (UTC+02:00)", "2027-03-29 02:30 Europe/Amsterdam (UTC+02:00)", "2027-03-30 02:30 Europe/Amsterdam (UTC+02:00)", "2027-03-31 02:30 Europe/Amsterdam (UTC+02:00)"],
            FireTimes(cut));
    }

    [Fact]
    public void Next_fire_times_fire_once_in_the_autumn_DST_overlap_in_Amsterdam()
    {
        var cut = RenderSchedule(new DateTimeOffset(2027, 10, 29, 12, 0, 0, TimeSpan.Zero), "Europe/Amsterdam", "30 2 * * *");

        // 02:30 happens twice on 31 October 2027; a non-interval expression fires in the first (CEST) half only.
        Assert.Equal(
            ["2027-10-30 02:30 Europe/Amsterdam (UTC+02:00)", "2027-10-31 02:30 Europe/Amsterdam (UTC+02:00)", "2027-11-01 02:30 Europe/Amsterdam (UTC+01:00)", "2027-11-02 02:30 Europe/Amsterdam (UTC+01:00)", "2027-11-03 02:30 Europe/Amsterdam (UTC+01:00)"],
            FireTimes(cut));
    }

    [Fact]
    public async Task Unknown_time_zone_shows_the_inline_error_and_saving_stores_nothing()
    {
        var cut = Render<GroupEditor>();
        cut.Find("#group-name").Input("Nightly");
        cut.Find("#group-timezone").Input("Europe/Atlantis");

        Assert.Contains("Unknown time zone 'Europe/Atlantis'", ErrorUnder(cut, "group-timezone"));
        Save(cut);

        cut.WaitForAssertion(() => Assert.Equal("Europe/Atlantis", cut.Find("#group-timezone").GetAttribute("value")));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Groups.CountAsync(Ct));
    }

    [Fact]
    public async Task Bad_webhook_and_parallelism_show_errors_on_their_fields_after_save()
    {
        var cut = Render<GroupEditor>();
        cut.Find("#group-name").Input("Nightly");
        cut.Find("#group-webhook").Input("ftp://hooks.example.com/x");
        cut.Find("#group-max-parallel").Input("0");
        Save(cut);

        cut.WaitForAssertion(() => Assert.Contains("absolute http:// or https:// URL", ErrorUnder(cut, "group-webhook")));
        Assert.Contains("At least 1", ErrorUnder(cut, "group-max-parallel"));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Groups.CountAsync(Ct));
    }

    [Fact]
    public async Task Valid_group_is_saved_with_the_iana_zone_and_trimmed_fields()
    {
        var cut = Render<GroupEditor>();
        cut.Find("#group-name").Input("  Nightly finance ");
        cut.Find("#group-timezone").Input("Europe/Amsterdam");
        cut.Find("#group-cron").Input("0 3 * * *");
        cut.Find("#group-max-parallel").Input("4");
        cut.Find("#group-webhook").Input("https://hooks.example.com/etl");
        Save(cut);

        var group = await WaitForSingleGroupAsync(cut);
        Assert.Equal(("Nightly finance", "0 3 * * *", "Europe/Amsterdam", 4, "https://hooks.example.com/etl", true),
            (group.Name, group.Cron, group.TimeZone, group.MaxParallelFlows, group.FailureWebhookUrl, group.Enabled));
    }

    [Fact]
    public async Task Duplicate_name_shows_a_message_naming_the_conflict_and_saves_nothing()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Groups.Add(new Group { Name = "Nightly", Cron = "0 2 * * *" });
            await db.SaveChangesAsync(Ct);
        }
        var cut = Render<GroupEditor>();
        cut.Find("#group-name").Input("nightly");
        Save(cut);

        cut.WaitForAssertion(() => Assert.Equal("A group named 'Nightly' already exists.", cut.Find("[role='alert']").TextContent.Trim()));
        Assert.Contains("A group named 'Nightly' already exists.", ErrorUnder(cut, "group-name"));
        await using var check = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(["Nightly"], await check.Groups.Select(g => g.Name).ToListAsync(Ct));
    }

    [Fact]
    public async Task Editing_a_group_changes_it_in_place()
    {
        int id;
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            var existing = new Group { Name = "Nightly", Cron = "0 2 * * *", TimeZone = "UTC" };
            db.Groups.Add(existing);
            await db.SaveChangesAsync(Ct);
            id = existing.Id;
        }
        var cut = Render<GroupEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("Nightly", cut.Find("#group-name").GetAttribute("value")));
        cut.Find("#group-cron").Input("*/15 * * * *");
        Save(cut);

        var group = await WaitForSingleGroupAsync(cut, g => g.Cron == "*/15 * * * *");
        Assert.Equal((id, "Nightly"), (group.Id, group.Name));
    }

    [Fact]
    public async Task Stored_webhook_is_never_shown_and_is_kept_unless_replaced_or_removed()
    {
        int id;
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            var existing = new Group { Name = "Nightly", Cron = "0 2 * * *", TimeZone = "UTC", FailureWebhookUrl = "https://hooks.example.com/T0/SECRET" };
            db.Groups.Add(existing);
            await db.SaveChangesAsync(Ct);
            id = existing.Id;
        }
        var cut = Render<GroupEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("Nightly", cut.Find("#group-name").GetAttribute("value")));

        var field = cut.Find("#group-webhook");
        Assert.DoesNotContain("SECRET", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("stored — type to replace", field.GetAttribute("placeholder"));
        Assert.Equal("password", field.GetAttribute("type"));
        cut.Find("#group-cron").Input("0 4 * * *");
        Save(cut);
        var kept = await WaitForSingleGroupAsync(cut, g => g.Cron == "0 4 * * *");

        var again = Render<GroupEditor>(p => p.Add(e => e.Id, id));
        again.WaitForAssertion(() => Assert.Equal("Nightly", again.Find("#group-name").GetAttribute("value")));
        again.FindAll("label").Single(l => l.TextContent.Contains("Remove the stored webhook", StringComparison.Ordinal)).QuerySelector("input")!.Change(true);
        Save(again);
        var removed = await WaitForSingleGroupAsync(again, g => g.FailureWebhookUrl == null);

        Assert.Equal("https://hooks.example.com/T0/SECRET", kept.FailureWebhookUrl);
        Assert.Null(removed.FailureWebhookUrl);
    }

    private IRenderedComponent<GroupEditor> RenderSchedule(DateTimeOffset now, string zone, string cron)
    {
        Clock.SetUtcNow(now);
        var cut = Render<GroupEditor>();
        cut.Find("#group-timezone").Input(zone);
        cut.Find("#group-cron").Input(cron);
        return cut;
    }

    private static void Save(IRenderedComponent<GroupEditor> cut) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

    private static string[] FireTimes(IRenderedComponent<GroupEditor> cut) =>
        cut.FindAll("ul[aria-label='Next fire times'] li").Select(li => li.TextContent.Trim()).ToArray();

    /// <summary>The helper/error text MudBlazor renders under the input with this id.</summary>
    private static string ErrorUnder(IRenderedComponent<GroupEditor> cut, string inputId)
    {
        var field = cut.Find($"#{inputId}").Closest(".mud-input-control") ?? throw new InvalidOperationException($"No field around #{inputId}");
        return string.Join(" ", field.QuerySelectorAll(".mud-input-error").Select(e => e.TextContent.Trim()));
    }

    private async Task<Group> WaitForSingleGroupAsync(IRenderedComponent<GroupEditor> cut, Func<Group, bool>? condition = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await Contexts.CreateDbContextAsync(Ct);
            var groups = await db.Groups.AsNoTracking().ToListAsync(Ct);
            if (groups.Count == 1 && (condition is null || condition(groups[0]))) return groups[0];
            if (attempt > 100) throw new InvalidOperationException($"Expected one saved group; markup:\n{cut.Markup}");
            await Task.Delay(50, Ct);
        }
    }
}
