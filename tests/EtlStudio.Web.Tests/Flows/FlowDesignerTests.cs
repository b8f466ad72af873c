using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

public sealed class FlowDesignerTests : PortalContext
{
    private readonly string _folder;

    public FlowDesignerTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(Folder, "source")).FullName;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Parse_stage_shows_the_fields_detected_in_a_sample_CSV_and_its_rows()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"), "Order Id;customer_name;Amount\n1;Ann;10.50\n2;Bob;7\n", Ct);
        var id = await AddFlowAsync(parse: new ParseDefinition { Delimiter = ";" });

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("Detected fields (3): Order Id, customer_name, Amount", cut.Find("[data-testid='detected-fields']").TextContent.Trim()));
        var parsed = cut.Find("[aria-label='Parsed rows'] table");
        Assert.Equal(["#", "Order Id", "customer_name", "Amount"], parsed.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["1", "1", "Ann", "10.50"], parsed.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("Order Id;customer_name;Amount", cut.Find("pre[aria-label='Source lines']").TextContent);
    }

    [Fact]
    public async Task Map_stage_flags_the_cell_that_does_not_convert_with_its_reason_and_keeps_the_good_ones()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"), "id,amount,day\n1,10.50,2024-01-31\n2,abc,2024-02-30\n3,7,2024-03-01\n", Ct);
        var id = await AddFlowAsync(columns:
        [
            new() { Order = 1, SourceField = "id", TargetColumn = "order_id", TargetType = ColumnType.Int },
            new() { Order = 2, SourceField = "amount", TargetColumn = "amount", TargetType = ColumnType.Decimal, Precision = 10, Scale = 2 },
            new() { Order = 3, SourceField = "day", TargetColumn = "order_date", TargetType = ColumnType.Date },
        ]);

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("3 row(s) mapped, 1 would be rejected", cut.Find("[data-testid='map-summary']").TextContent.Trim()));
        var rows = cut.Find("[aria-label='Mapped rows'] table").QuerySelectorAll("tbody tr");
        Assert.Equal(["1", "1", "10.50", "2024-01-31"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var bad = rows[1].QuerySelectorAll("td[data-testid='bad-cell']");
        Assert.Equal(2, bad.Length);
        Assert.Equal("abc", bad[0].QuerySelector(".cell-raw")!.TextContent);
        Assert.StartsWith("not a valid Decimal", bad[0].GetAttribute("title"));
        Assert.Equal(bad[0].GetAttribute("title"), bad[0].QuerySelector(".cell-reason")!.TextContent);
        Assert.Equal("2024-02-30", bad[1].QuerySelector(".cell-raw")!.TextContent);
        Assert.Contains("not a valid Date", bad[1].GetAttribute("title"));
        Assert.Equal("2", rows[1].QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Empty(rows[2].QuerySelectorAll("td[data-testid='bad-cell']"));
    }

    [Fact]
    public async Task Auto_map_matches_fields_by_name_ignoring_case_spaces_and_underscores()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "people.csv"), "Customer ID,full_name,E-Mail\n7,Ann Lee,ann@example.com\n", Ct);
        var id = await AddFlowAsync(columns:
        [
            new() { Order = 1, TargetColumn = "customer_id", TargetType = ColumnType.Int },
            new() { Order = 2, TargetColumn = "FullName" },
            new() { Order = 3, TargetColumn = "email" },
            new() { Order = 4, TargetColumn = "country" },
        ]);
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.Contains("Detected fields (3)", cut.Find("[data-testid='detected-fields']").TextContent));

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Auto-map").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal(["#", "customer_id", "FullName", "email", "country"],
            cut.Find("[aria-label='Mapped rows'] table").QuerySelectorAll("thead th").Select(th => th.TextContent.Trim())));
        await cut.WaitForAssertionAsync(() => Assert.Equal(["1", "7", "Ann Lee", "ann@example.com"],
            cut.Find("[aria-label='Mapped rows'] table tbody tr").QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim())));
        // "country" has no field of that name: left for the user, and the run would refuse the mapping.
        Assert.Contains("column 'country' has no source field", cut.Markup);
    }

    [Fact]
    public async Task An_unreachable_source_shows_the_reason_in_the_source_stage()
    {
        var missing = Path.Combine(_folder, "not-there");
        var id = await AddFlowAsync(folder: missing);

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Contains("not-there", cut.Find("[data-testid='source-problem']").TextContent));
        Assert.NotNull(cut.Find("[aria-label='Map stage']"));
    }

    [Fact]
    public async Task Check_destination_is_offered_once_destination_and_table_are_in_the_draft_and_checks_the_table_just_typed()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"), "id\n1\n", Ct);
        var warehouse = Path.Combine(Folder, "warehouse.db");
        await using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={warehouse};Pooling=false"))
        {
            await sqlite.OpenAsync(Ct);
            await using var create = sqlite.CreateCommand();
            create.CommandText = "CREATE TABLE orders (order_id INTEGER)";
            await create.ExecuteNonQueryAsync(Ct);
        }
        var id = await AddFlowAsync(columns: [new() { Order = 1, SourceField = "id", TargetColumn = "order_id", TargetType = ColumnType.Int }],
            destination: new Connection { Name = "Warehouse", Kind = ConnectionKind.Sqlite, Settings = System.Text.Json.JsonSerializer.Serialize(new { dataSource = warehouse }) });
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.Contains("Detected fields (1)", cut.Find("[data-testid='detected-fields']").TextContent));
        AngleSharp.Dom.IElement Check() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Check destination");
        Assert.True(Check().HasAttribute("disabled"));

        await cut.Find("#flow-destinationtable").InputAsync(new ChangeEventArgs { Value = "orders" });
        await Check().ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("The table takes every mapped column", cut.Find("[data-testid='destination-check']").TextContent));
    }

    [Fact]
    public async Task Turning_on_lenient_quotes_in_the_parse_stage_reads_a_stray_quote_as_text_in_the_preview()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "screens.csv"), "id,size\n1,24\" tv\n2,27 in\n", Ct);
        var id = await AddFlowAsync(columns:
        [
            new() { Order = 1, SourceField = "id", TargetColumn = "id", TargetType = ColumnType.Int },
            new() { Order = 2, SourceField = "size", TargetColumn = "size" },
        ]);
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.Equal("2 row(s) mapped, 1 would be rejected", cut.Find("[data-testid='map-summary']").TextContent.Trim()));
        Assert.Contains("Keep \"\" as empty text", cut.Find("[aria-label='Parse stage']").TextContent);

        var lenient = cut.FindAll("label").Single(l => l.TextContent.Contains("Lenient quotes", StringComparison.Ordinal)).QuerySelector("input")!;
        await lenient.ChangeAsync(new ChangeEventArgs { Value = true });

        await cut.WaitForAssertionAsync(() => Assert.Equal("2 row(s) mapped, 0 would be rejected", cut.Find("[data-testid='map-summary']").TextContent.Trim()));
    }

    [Fact]
    public async Task Load_lanes_out_of_range_show_the_error_under_the_field_and_keep_the_typed_value()
    {
        var id = await AddFlowAsync(loadParallelism: 5);
        var cut = RenderDesigner(id);
        AngleSharp.Dom.IElement Lanes() => cut.Find("input[aria-label='Load lanes']");
        await cut.WaitForAssertionAsync(() => Assert.Equal("5", Lanes().GetAttribute("value")));
        Assert.Contains("Append only", cut.Find("[aria-label='Load stage']").TextContent);

        await Lanes().ChangeAsync(new ChangeEventArgs { Value = "9" });

        await cut.WaitForAssertionAsync(() => Assert.Contains("Between 1 and 8 load lanes; 9 is out of range.", cut.Find("[aria-label='Load stage']").TextContent));
        Assert.Equal("9", Lanes().GetAttribute("value"));
        Assert.DoesNotContain("Append only", cut.Find("[aria-label='Load stage']").TextContent);
    }

    private IRenderedComponent<FlowDesigner> RenderDesigner(int id)
    {
        Render<MudPopoverProvider>();
        return Render<FlowDesigner>(p => p.Add(d => d.Id, id));
    }

    private async Task<int> AddFlowAsync(ParseDefinition? parse = null, List<ColumnMapping>? columns = null, string? folder = null, Connection? destination = null,
        int loadParallelism = FlowDefinition.DefaultLoadParallelism)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var files = new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = System.Text.Json.JsonSerializer.Serialize(new { path = folder ?? _folder }) };
        var flow = new Flow
        {
            Name = "Orders", Group = new Group { Name = "Nightly" }, SourceConnection = files, SourcePath = "*.csv",
            ParseOptions = System.Text.Json.JsonSerializer.Serialize(parse ?? new ParseDefinition(), System.Text.Json.JsonSerializerOptions.Web),
            Columns = columns ?? [], DestinationConnection = destination, LoadParallelism = loadParallelism,
        };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }
}
