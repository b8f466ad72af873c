using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The Source stage offers "After a successful load" for SFTP connections only, and the folder only for Move.</summary>
public sealed class AfterLoadDesignerTests : PortalContext
{
    public AfterLoadDesignerTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public async Task An_sftp_source_shows_the_after_load_action_and_the_move_folder_it_was_saved_with()
    {
        // Nothing listens on port 1: the preview fails quickly, the settings still show.
        var id = await AddFlowAsync(new Connection
        {
            Name = "Partner", Kind = ConnectionKind.Sftp,
            Settings = JsonSerializer.Serialize(new { host = "127.0.0.1", port = 1, username = "etl", hostKeyFingerprint = "SHA256:" + new string('A', 43), folder = "out" }),
        }, AfterLoadAction.Move, "done");

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("done", cut.Find("#flow-afterloadfolder").GetAttribute("value")));
        Assert.Contains("After a successful load", cut.Find("[aria-label='Source stage']").TextContent);
    }

    [Fact]
    public async Task A_local_folder_source_does_not_offer_an_after_load_action()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, "source")).FullName;
        var id = await AddFlowAsync(new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = JsonSerializer.Serialize(new { path = folder }) },
            AfterLoadAction.Keep, null);

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Contains("Files (glob)", cut.Find("[aria-label='Source stage']").TextContent));
        Assert.DoesNotContain("After a successful load", cut.Find("[aria-label='Source stage']").TextContent);
        Assert.Empty(cut.FindAll("#flow-afterloadfolder"));
    }

    private IRenderedComponent<FlowDesigner> RenderDesigner(int id)
    {
        Render<MudPopoverProvider>();
        return Render<FlowDesigner>(p => p.Add(d => d.Id, id));
    }

    private async Task<int> AddFlowAsync(Connection source, AfterLoadAction afterLoad, string? folder)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var flow = new Flow
        {
            Name = "Orders", Group = new Group { Name = "Nightly" }, SourceConnection = source, SourcePath = "*.csv", AfterLoad = afterLoad, AfterLoadFolder = folder,
            ParseOptions = JsonSerializer.Serialize(new ParseDefinition(), JsonSerializerOptions.Web),
        };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }
}
