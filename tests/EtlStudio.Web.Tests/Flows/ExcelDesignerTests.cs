using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The designer's Parse stage over an Excel workbook (written by openpyxl).</summary>
public sealed class ExcelDesignerTests : PortalContext
{
    private readonly string _folder;

    public ExcelDesignerTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(Folder, "source")).FullName;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Parse_stage_previews_the_rows_of_every_sheet_with_their_sheet_and_shows_only_the_Excel_options()
    {
        var bytes = await OpenpyxlWorkbook.WriteAsync("""
            from openpyxl import Workbook
            wb = Workbook()
            north = wb.active
            north.title = 'North'
            north.append(['id', 'city'])
            north.append([1, 'Oslo'])
            south = wb.create_sheet('South')
            south.append(['city', 'id'])
            south.append(['Rome', 2])
            wb.save(path)
            """, Ct);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "cities.xlsx"), bytes, Ct);
        var id = await AddFlowAsync(new ParseDefinition { Format = ParseFormat.Excel, Sheet = "*" });
        Render<MudPopoverProvider>();

        var cut = Render<FlowDesigner>(p => p.Add(d => d.Id, id));

        await cut.WaitForAssertionAsync(() => Assert.Equal("Detected fields (3): #sheet, id, city", cut.Find("[data-testid='detected-fields']").TextContent.Trim()), TimeSpan.FromSeconds(20));
        var rows = cut.Find("[aria-label='Parsed rows'] table").QuerySelectorAll("tbody tr");
        Assert.Equal([["2", "North", "1", "Oslo"], ["2", "South", "2", "Rome"]], rows.Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()));
        var labels = cut.Find("[aria-label='Parse stage']").QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Sheet", labels);
        Assert.Contains("Header row", labels);
        Assert.DoesNotContain("Delimiter", labels);
        Assert.DoesNotContain("Encoding", labels);
    }

    private async Task<int> AddFlowAsync(ParseDefinition parse)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var files = new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = System.Text.Json.JsonSerializer.Serialize(new { path = _folder }) };
        var flow = new Flow
        {
            Name = "Cities", Group = new Group { Name = "Nightly" }, SourceConnection = files, SourcePath = "*.xlsx", ParseFormat = parse.Format,
            ParseOptions = FlowSettingsJson.WriteParse(parse),
        };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }
}
