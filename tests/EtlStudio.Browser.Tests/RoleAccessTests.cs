using System.Text.RegularExpressions;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Group = EtlStudio.Data.Entities.Group;

namespace EtlStudio.Browser.Tests;

/// <summary>Roles in a real browser: a Viewer reads but is refused the editors and offered no run; an Operator runs
/// but is refused the editors.</summary>
public sealed class RoleAccessTests(PortalServer server, Chromium chromium)
{
    [Fact]
    public async Task Viewer_is_denied_the_group_editor_and_sees_no_run_now()
    {
        var name = $"Viewed {Guid.NewGuid():N}"[..15];
        await AddGroupWithFlowAsync(name);
        await using var context = await SignedInAsync(Roles.Viewer);
        var page = await context.NewPageAsync();

        await page.GotoAsync("groups/new");
        await Expect(page).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You do not have access to this page");
        await Screenshots.SaveAsync(page, "20-viewer-access-denied");

        await OpenAsync(page, "flows");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name + " orders" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New flow" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "21-viewer-flows-without-run-now");

        await OpenAsync(page, "groups");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = $"Flows of {name}" })).ToContainTextAsync("never run");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "22-viewer-groups-read-only");
    }

    [Fact]
    public async Task Operator_is_offered_run_group_now_but_denied_the_group_editor()
    {
        var name = $"Operated {Guid.NewGuid():N}"[..17];
        await AddGroupWithFlowAsync(name);
        await using var context = await SignedInAsync(Roles.Operator);
        var page = await context.NewPageAsync();

        await OpenAsync(page, "groups");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Run group now {name}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "23-operator-groups");

        await page.GotoAsync("groups/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
    }

    private async Task<IBrowserContext> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await server.CreateUserAsync(email, role);
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        await server.SignInAsync(context, email);
        return context;
    }

    private async Task AddGroupWithFlowAsync(string name)
    {
        await using var db = await server.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.Groups.Add(new Group { Name = name, Cron = "0 6 * * *", Flows = { new Flow { Name = name + " orders", Order = 1 } } });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    // Clicks and checks of interactive content wait for the SignalR circuit (the marker rendered only when interactive).
    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
    }
}
