using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The Source stage of a query flow offers the partition column, bounds and count with help, shows a bad value's
/// problem under its field and keeps what was typed; a file source does not offer them.</summary>
public sealed class QueryPartitionDesignerTests : PortalContext
{
    public QueryPartitionDesignerTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private AngleSharp.Dom.IElement SourceStage(IRenderedComponent<FlowDesigner> cut) => cut.Find("[aria-label='Source stage']");

    [Fact]
    public async Task A_query_source_shows_the_partition_fields_with_help_and_the_values_it_was_saved_with()
    {
        var id = await AddQueryFlowAsync(f => { f.PartitionColumn = "order_id"; f.PartitionCount = 8; });

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("order_id", cut.Find("#flow-partitioncolumn").GetAttribute("value")));
        Assert.Equal("8", cut.Find("#flow-partitioncount").GetAttribute("value"));
        var text = SourceStage(cut).TextContent;
        Assert.Contains("Empty with the upper bound: a run reads MIN and MAX of the column first", text);
        Assert.Contains("an integer, decimal, date or timestamp column", text);
        Assert.Contains("NULLs) go to the first range", text);
    }

    [Fact]
    public async Task A_bad_bound_and_a_count_out_of_range_show_their_problems_under_the_fields_and_keep_the_typed_values()
    {
        var id = await AddQueryFlowAsync(f => { f.PartitionColumn = "order_id"; f.PartitionCount = 8; });
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("#flow-partitionlowerbound")));

        await cut.Find("#flow-partitionlowerbound").InputAsync(new ChangeEventArgs { Value = "last monday" });
        await cut.Find("#flow-partitionupperbound").InputAsync(new ChangeEventArgs { Value = "1000" });
        await cut.Find("#flow-partitioncount").ChangeAsync(new ChangeEventArgs { Value = "5000" });

        await cut.WaitForAssertionAsync(() =>
        {
            var text = SourceStage(cut).TextContent;
            Assert.Contains("'last monday' is not a number, a date (yyyy-MM-dd) or a timestamp", text);
            Assert.Contains("Between 2 and 1000 partitions; 5000 is out of range.", text);
        });
        Assert.Equal("last monday", cut.Find("#flow-partitionlowerbound").GetAttribute("value"));
        Assert.Equal("5000", cut.Find("#flow-partitioncount").GetAttribute("value"));
    }

    [Fact]
    public async Task An_incremental_query_refuses_a_partition_column_under_the_field()
    {
        var id = await AddQueryFlowAsync(f => f.CursorField = "changed");
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("#flow-partitioncolumn")));

        await cut.Find("#flow-partitioncolumn").InputAsync(new ChangeEventArgs { Value = "order_id" });
        await cut.Find("#flow-partitioncount").ChangeAsync(new ChangeEventArgs { Value = "4" });

        await cut.WaitForAssertionAsync(() =>
            Assert.Contains("An incremental query (cursor field 'changed') cannot run as partitions", SourceStage(cut).TextContent));
        Assert.Equal("order_id", cut.Find("#flow-partitioncolumn").GetAttribute("value"));
    }

    [Fact]
    public async Task A_file_source_does_not_offer_partition_columns()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, "source")).FullName;
        var id = await AddFlowAsync(new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = JsonSerializer.Serialize(new { path = folder }) },
            f => f.SourcePath = "*.csv");

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Contains("Files (glob)", SourceStage(cut).TextContent));
        Assert.Empty(cut.FindAll("#flow-partitioncolumn"));
    }

    private IRenderedComponent<FlowDesigner> RenderDesigner(int id)
    {
        Render<MudPopoverProvider>();
        return Render<FlowDesigner>(p => p.Add(d => d.Id, id));
    }

    private Task<int> AddQueryFlowAsync(Action<Flow> configure) =>
        AddFlowAsync(new Connection { Name = "Shop", Kind = ConnectionKind.Sqlite, Settings = JsonSerializer.Serialize(new { dataSource = Path.Combine(Folder, "shop.db") }) },
            f =>
            {
                f.SourceQuery = "SELECT order_id, changed FROM orders";
                configure(f);
            });

    private async Task<int> AddFlowAsync(Connection source, Action<Flow> configure)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var flow = new Flow
        {
            Name = "Orders", Group = new Group { Name = "Nightly" }, SourceConnection = source,
            ParseOptions = JsonSerializer.Serialize(new ParseDefinition(), JsonSerializerOptions.Web),
        };
        configure(flow);
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }
}
