using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The designer's "Add derived" menu offers the message values for a Kafka source only.</summary>
public sealed class MessageColumnDesignerTests : PortalContext
{
    // Menu items open in the popover provider, outside the designer's markup.
    private IRenderedComponent<MudPopoverProvider>? _popovers;

    public MessageColumnDesignerTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public async Task A_Kafka_flow_offers_message_values_and_a_header_column_asks_for_the_header_name()
    {
        var id = await AddFlowAsync(new Connection { Name = "Broker", Kind = ConnectionKind.Kafka, Settings = """{"bootstrapServers":"localhost:9092"}""" }, topic: "orders");
        var cut = RenderDesigner(id);

        await OpenDerivedMenuAsync(cut);
        Assert.Equal(["Run id", "Source name", "Load time", "Row number", "Message key", "Message header (name in Source field)", "Message partition", "Message offset", "Message timestamp"],
            MenuItems().Select(i => i.TextContent.Trim()));
        await MenuItems().Single(i => i.TextContent.Trim() == "Message header (name in Source field)").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("Message header", cut.Find("[aria-label='Column mappings']").TextContent));
        cut.Find("input[aria-label='Header name of column 1']").Input("tenant-id");
        // The text field hands its value on asynchronously (MudBlazor's input pipeline), so wait for it to land.
        await cut.WaitForAssertionAsync(() =>
        {
            var column = Assert.Single(cut.FindComponent<MapStage>().Instance.Model.Draft.Form.Columns);
            Assert.Equal((DerivedValue.MessageHeader, "message_header", "tenant-id"), (column.Derived, column.TargetColumn, column.SourceField));
        });
    }

    [Fact]
    public async Task A_file_flow_offers_only_the_run_values()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, "source")).FullName;
        var id = await AddFlowAsync(new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = System.Text.Json.JsonSerializer.Serialize(new { path = folder }) });
        var cut = RenderDesigner(id);

        await OpenDerivedMenuAsync(cut);

        Assert.Equal(["Run id", "Source name", "Load time", "Row number"], MenuItems().Select(i => i.TextContent.Trim()));
    }

    private async Task OpenDerivedMenuAsync(IRenderedComponent<FlowDesigner> cut)
    {
        await cut.WaitForAssertionAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Add derived"));
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Add derived").ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(MenuItems()));
    }

    private IReadOnlyList<AngleSharp.Dom.IElement> MenuItems() => [.. _popovers!.FindAll(".mud-menu-item")];

    private IRenderedComponent<FlowDesigner> RenderDesigner(int id)
    {
        _popovers = Render<MudPopoverProvider>();
        return Render<FlowDesigner>(p => p.Add(d => d.Id, id));
    }

    private async Task<int> AddFlowAsync(Connection source, string? topic = null)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var flow = new Flow
        {
            Name = "Orders", Group = new Group { Name = "Nightly" }, SourceConnection = source, SourcePath = topic is null ? "*.csv" : null, SourceTopic = topic,
            ParseOptions = System.Text.Json.JsonSerializer.Serialize(new ParseDefinition(), System.Text.Json.JsonSerializerOptions.Web),
        };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }
}
