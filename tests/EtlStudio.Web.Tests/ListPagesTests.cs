using EtlStudio.Data.Entities;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Dashboard;
using EtlStudio.Web.Demo;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Runs;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests;

public sealed class ListPagesTests : PortalContext
{
    [Fact]
    public async Task Connections_page_shows_where_each_connection_points_and_never_the_secret()
    {
        await ActivatorUtilities.CreateInstance<DemoSeeder>(Services).SeedAsync(Ct);
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Connections.Add(new Connection { Name = "Warehouse PG", Kind = ConnectionKind.PostgreSql, Secret = "s3cr3t-pa55",
                Settings = """{"host":"db.example.com","database":"dw","username":"etl","port":5433}""" });
            await db.SaveChangesAsync(Ct);
        }
        var cut = Render<ConnectionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr").Count));
        var rows = cut.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(["Demo sample files", "Local folder", "Samples", "none", "1", ""], rows[0]);
        Assert.Equal(["Demo warehouse", "SQLite", "data/demo-warehouse.db", "none", "1", ""], rows[1]);
        Assert.Equal(["Warehouse PG", "PostgreSQL", "etl@db.example.com:5433/dw", "set", "0", ""], rows[2]);
        Assert.DoesNotContain("s3cr3t-pa55", cut.Markup);
    }

    [Fact]
    public async Task Flows_page_lists_the_demo_flow_with_source_destination_and_load_mode()
    {
        await ActivatorUtilities.CreateInstance<DemoSeeder>(Services).SeedAsync(Ct);
        var cut = Render<FlowsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Load customers", cut.Markup));
        var cells = cut.FindAll("tbody tr").Single(r => r.TextContent.Contains("Load customers", StringComparison.Ordinal))
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["1", "Load customers", "Demo sample files customers.csv", "CSV", "Demo warehouse customers", "Upsert on customer_id", "10", "yes"], cells);
        Assert.Contains("Group: Demo", cut.Markup);
    }

    [Fact]
    public async Task Runs_page_pages_on_the_server_newest_first()
    {
        await AddRunsAsync(30);
        Render<MudPopoverProvider>();
        var cut = Render<RunsPage>();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tbody tr").Count));
        Assert.StartsWith("2027-01-30 00:00:00", cut.Find("tbody tr td").TextContent.Trim());
        Assert.Equal("Orders Nightly", string.Join(" ", cut.Find("tbody tr td:nth-child(2)").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("1-25 of 30", cut.Markup);
    }

    [Fact]
    public async Task Dashboard_counts_what_exists_and_shows_the_last_runs()
    {
        await AddRunsAsync(12);
        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[aria-label='Groups count']").TextContent.Trim()));
        Assert.Equal("1", cut.Find("[aria-label='Flows count']").TextContent.Trim());
        Assert.Equal("0", cut.Find("[aria-label='Connections count']").TextContent.Trim());
        Assert.Equal(10, cut.FindAll("[aria-label='Last runs'] tbody tr").Count);
        Assert.StartsWith("2027-01-12 00:00:00", cut.Find("[aria-label='Last runs'] tbody tr td").TextContent.Trim());
    }

    private Task AddRunsAsync(int count) => RunPages.RunSeed.AddDailyRunsAsync(Contexts, count, null, Ct);
}
