using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EtlStudio.Browser.Tests;

/// <summary>A new user's first visit (issue #12): create the admin on an empty database, run the demo, read the run.</summary>
public sealed class FirstVisitTests(Chromium chromium)
{
    private const string Email = "first.admin@example.com";
    private const string Password = "First-Visit-Pass-1";

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(1024, 768)]
    public async Task From_an_empty_database_the_admin_is_created_the_demo_runs_and_its_steps_read_in_pipeline_order(int width, int height)
    {
        await using var portal = new FreshPortal();
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = portal.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        // As the other journeys: a loaded 2-core machine (test assemblies side by side) takes more than the 5 s default.
        context.SetDefaultTimeout(15_000);
        SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        var shot = $"first-visit-{width}x{height}";

        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        foreach (var label in new[] { "Email", "Password (at least 12 characters, with upper and lower case and a digit)", "Repeat the password" })
        {
            await AssertVisibleOnItsCardAsync(page.GetByLabel(label, new() { Exact = true }), label);
        }
        await Screenshots.SaveAsync(page, shot + "-1-setup");

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Password (at least 12 characters, with upper and lower case and a digit)", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat the password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync(portal.BaseAddress.ToString());
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();

        await page.GotoAsync("flows");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Load customers", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/flows/[0-9]+$"));
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        var runNow = page.GetByRole(AriaRole.Button, new() { Name = "Run now Load customers" });
        await Expect(runNow).ToBeEnabledAsync();
        await runNow.ClickAsync();
        var progress = page.Locator(".run-progress").First;
        await Expect(progress).ToContainTextAsync("Succeeded", new() { Timeout = 90_000 });
        await Screenshots.SaveAsync(page, shot + "-2-run-succeeded");
        await progress.GetByRole(AriaRole.Link, new() { Name = "Run details" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));

        var steps = page.GetByLabel("Steps", new() { Exact = true });
        await Expect(steps.Locator("tbody tr")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(page, shot + "-3-run-detail");
        var rows = await steps.Locator("tbody tr").AllAsync();
        var names = new List<string>();
        foreach (var row in rows)
        {
            var cells = row.Locator("td");
            names.Add((await cells.Nth(0).InnerTextAsync()).Trim());
            var duration = (await cells.Nth(3).InnerTextAsync()).Trim();
            Assert.True(Regex.IsMatch(duration, @"\d"), $"step {names[^1]} shows no duration: '{duration}'");
        }

        var error = steps.GetByRole(AriaRole.Columnheader, new() { Name = "Error" });
        var box = await error.BoundingBoxAsync() ?? throw new InvalidOperationException("The Error column header has no box.");
        var card = await steps.Locator("xpath=ancestor::div[contains(@class, 'mud-paper')][1]").BoundingBoxAsync()
            ?? throw new InvalidOperationException("The Steps card has no box.");
        Assert.True(box.X + box.Width <= width, $"The Error column ends at {box.X + box.Width:F0} px, beyond the {width} px viewport.");
        Assert.True(box.X + box.Width <= card.X + card.Width + 1, $"The Error column ends at {box.X + box.Width:F0} px, outside its card (ends at {card.X + card.Width:F0} px).");
        Assert.Equal(["Extract", "Parse", "Map", "Load"], names);

        // The log tells the story, one entry per line, and nothing on the page (a long log line, a wide table) makes it
        // wider than the window.
        var log = await page.GetByRole(AriaRole.Log, new() { Name = "Log" }).Locator(":scope > div").AllInnerTextsAsync();
        Assert.True(log.Count >= 6, $"Expected started, four steps and the outcome in the log, got: {string.Join(" | ", log)}");
        Assert.Contains("Started", log[0]);
        Assert.Contains("Succeeded", log[^1]);
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= width, $"The run detail page is {pageWidth} px wide in a {width} px window.");
    }

    // Visible: a border at least 1 px wide whose colour differs from the card behind the input, or a background that does.
    private static async Task AssertVisibleOnItsCardAsync(ILocator input, string label)
    {
        var look = await input.EvaluateAsync<string[]>("""
            e => {
                const s = getComputedStyle(e);
                let card = e.parentElement;
                while (card && getComputedStyle(card).backgroundColor === 'rgba(0, 0, 0, 0)') card = card.parentElement;
                return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.backgroundColor, card ? getComputedStyle(card).backgroundColor : 'rgb(255, 255, 255)'];
            }
            """);
        var (borderWidth, borderStyle, borderColour, background, cardBackground) = (look[0], look[1], look[2], look[3], look[4]);
        var bordered = double.Parse(borderWidth.Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) >= 1
            && borderStyle != "none" && borderColour != cardBackground;
        var contrasted = background != cardBackground && background != "rgba(0, 0, 0, 0)";
        Assert.True(bordered || contrasted,
            $"'{label}' is invisible on its card: border {borderWidth} {borderStyle} {borderColour}, background {background}, card {cardBackground}");
    }
}
