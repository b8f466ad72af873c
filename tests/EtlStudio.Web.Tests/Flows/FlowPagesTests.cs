using EtlStudio.Data.Entities;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The Flows page pages on the server; a new flow on a fresh install says to create a group first.</summary>
public sealed class FlowPagesTests : PortalContext
{
    [Fact]
    public void A_new_flow_without_any_group_says_to_create_a_group_first_and_links_to_the_group_editor()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();

        var cut = Render<FlowDesigner>();

        var hint = cut.WaitForElement("[data-testid='no-groups']");
        Assert.Contains("Create a group first", hint.TextContent, StringComparison.Ordinal);
        Assert.Equal("groups/new", hint.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_new_flow_with_a_group_shows_no_hint()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Groups.Add(new Group { Name = "Nightly" });
            await db.SaveChangesAsync(Ct);
        }
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();

        var cut = Render<FlowDesigner>();

        cut.WaitForAssertion(() => Assert.Contains("Flow name", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid='no-groups']"));
    }

    [Fact]
    public async Task The_flow_list_serves_one_page_in_group_order_with_the_total()
    {
        await AddFlowsAsync(5);
        var list = Services.GetRequiredService<FlowList>();

        var (first, total) = await list.PageAsync(0, 2, Ct);
        var (last, _) = await list.PageAsync(2, 2, Ct);

        Assert.Equal(5, total);
        Assert.Equal(["Flow 1", "Flow 2"], first.Select(f => f.Name));
        Assert.Equal(["Flow 5"], last.Select(f => f.Name));
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_empty_not_the_first_page()
    {
        await AddFlowsAsync(3);
        var list = Services.GetRequiredService<FlowList>();

        var (rows, total) = await list.PageAsync(42949674, 100, Ct);

        Assert.Empty(rows);
        Assert.Equal(3, total);
    }

    [Fact]
    public async Task The_flows_page_shows_only_its_first_page_and_a_pager()
    {
        await AddFlowsAsync(60);

        var cut = Render<FlowsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Flow 1", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(50, cut.FindAll("tbody tr").Count(r => r.QuerySelector("a") is not null));
        Assert.DoesNotContain("Flow 51", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll(".mud-table-pagination"));
    }

    private async Task AddFlowsAsync(int count)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var group = new Group { Name = "Nightly" };
        for (var i = 1; i <= count; i++) db.Flows.Add(new Flow { Name = $"Flow {i}", Group = group, Order = i });
        await db.SaveChangesAsync(Ct);
    }
}
