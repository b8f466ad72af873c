using EtlStudio.Data.Entities;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests.Connections;

public sealed class ConnectionsPageTests : PortalContext
{
    [Fact]
    public async Task Deleting_a_connection_a_flow_uses_is_refused_and_names_the_flow()
    {
        await ActivatorUtilities.CreateInstance<DemoSeeder>(Services).SeedAsync(Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ConnectionsPage>();

        cut.WaitForElement("button[aria-label='Delete Demo sample files']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete connection 'Demo sample files'?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal("Connection 'Demo sample files' is used by flow 'Load customers'.", cut.Find("[role='alert']").TextContent.Trim()));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(2, await db.Connections.CountAsync(Ct));
    }

    [Fact]
    public async Task Deleting_an_unused_connection_after_confirmation_removes_it()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Connections.Add(new Connection { Name = "Inbox", Kind = ConnectionKind.LocalFolder, Settings = """{"path":"in"}""" });
            db.Connections.Add(new Connection { Name = "Outbox", Kind = ConnectionKind.LocalFolder, Settings = """{"path":"out"}""" });
            await db.SaveChangesAsync(Ct);
        }
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ConnectionsPage>();

        cut.WaitForElement("button[aria-label='Delete Inbox']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete connection 'Inbox'?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[aria-label='Delete Inbox']")));
        Assert.Empty(cut.FindAll("[role='alert']"));
        await using var check = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(["Outbox"], await check.Connections.Select(c => c.Name).ToListAsync(Ct));
    }
}
