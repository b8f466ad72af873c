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
    public async Task Map_preview_marks_the_rows_the_filter_drops_counts_them_and_shows_a_failing_expression_like_a_bad_cell()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"), "id,amount,kind\n1,10,sale\n2,abc,sale\n3,5,footer\n", Ct);
        var id = await AddFlowAsync(columns:
        [
            new() { Order = 1, SourceField = "id", TargetColumn = "order_id", TargetType = ColumnType.Int },
            new() { Order = 2, TargetColumn = "doubled", TargetType = ColumnType.Int, Expression = "to_int(amount) * 2" },
        ], configure: f => f.Filter = "kind != 'footer'");

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("3 row(s) mapped, 1 would be rejected, 1 filtered", cut.Find("[data-testid='map-summary']").TextContent.Trim()));
        var rows = cut.Find("[aria-label='Mapped rows'] table").QuerySelectorAll("tbody tr");
        Assert.Equal(["1", "1", "20"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.DoesNotContain("row-filtered", rows[0].ClassName ?? "", StringComparison.Ordinal);
        var bad = Assert.Single(rows[1].QuerySelectorAll("td[data-testid='bad-cell']"));
        // A failing expression shows as a conversion error does: what was evaluated, and why it fails, in the cell.
        Assert.Equal("to_int(amount) * 2", bad.QuerySelector(".cell-raw")!.TextContent);
        Assert.Equal(bad.GetAttribute("title"), bad.QuerySelector(".cell-reason")!.TextContent);
        Assert.Contains("abc", bad.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("row-filtered", rows[2].ClassName, StringComparison.Ordinal);
        var marked = rows[2].QuerySelector("td[data-filtered='true']")!;
        Assert.Contains("filtered", marked.TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("td[data-filtered='true']"));
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
    public async Task Typing_the_glob_after_the_connection_fetches_the_sample_again_without_Fetch_sample()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"), "id,customer\n1,Ann\n", Ct);
        var id = await AddFlowAsync(configure: f => f.SourcePath = "nothing-*.txt");
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-testid='source-problem']")));
        Assert.DoesNotContain(cut.FindAll("[data-testid='detected-fields']"), d => d.TextContent.Contains("customer", StringComparison.Ordinal));

        await cut.Find("#flow-sourcepath").InputAsync(new ChangeEventArgs { Value = "*.csv" });

        await cut.WaitForAssertionAsync(() => Assert.Equal("Detected fields (2): id, customer", cut.Find("[data-testid='detected-fields']").TextContent.Trim()), TimeSpan.FromSeconds(5));
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

    [Fact]
    public async Task A_computed_column_shows_its_expression_in_place_of_the_source_field_and_a_column_switches_between_both()
    {
        var id = await AddFlowAsync(columns:
        [
            new() { Order = 1, SourceField = "id", TargetColumn = "order_id" },
            new() { Order = 2, TargetColumn = "name_upper", Expression = "upper(trim(name))" },
        ]);
        var cut = RenderDesigner(id);
        AngleSharp.Dom.IElement Map() => cut.Find("[aria-label='Map stage']");

        await cut.WaitForAssertionAsync(() => Assert.Equal("upper(trim(name))", cut.Find("#column-1-expression").TextContent));
        Assert.Empty(Map().QuerySelectorAll("[aria-label='Source field of column 2']"));
        Assert.Empty(Map().QuerySelectorAll("#column-0-expression"));

        await cut.Find("button[aria-label='Compute column 1 with an expression']").ClickAsync(new());
        await cut.Find("#column-0-expression").InputAsync(new ChangeEventArgs { Value = "id * 2" });
        await cut.Find("button[aria-label='Take column 2 from a source field instead']").ClickAsync(new());

        var columns = await DraftColumnsAsync(cut);
        Assert.Equal(("id * 2", (string?)null), (columns[0].Expression, columns[0].SourceField));
        Assert.Null(columns[1].Expression);
        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll("#column-1-expression")));
        Assert.NotEmpty(cut.FindAll("button[aria-label='Compute column 2 with an expression']"));
    }

    [Fact]
    public async Task An_expression_that_does_not_compile_shows_its_position_at_the_column_as_it_is_typed_and_goes_when_fixed()
    {
        var id = await AddFlowAsync(columns:
        [
            new() { Order = 1, SourceField = "id", TargetColumn = "order_id" },
            new() { Order = 2, TargetColumn = "name_upper", Expression = "upper(name)" },
        ]);
        var cut = RenderDesigner(id);
        AngleSharp.Dom.IElement Map() => cut.Find("[aria-label='Map stage']");
        await cut.WaitForAssertionAsync(() => Assert.Equal("upper(name)", cut.Find("#column-1-expression").TextContent));

        await cut.Find("#column-1-expression").InputAsync(new ChangeEventArgs { Value = "upper(name" });

        // No save pressed: the engine's compile error (column and position) is under the expression already.
        await cut.WaitForAssertionAsync(() => Assert.Contains("column 'name_upper': position", Map().TextContent));
        await cut.Find("#column-1-expression").InputAsync(new ChangeEventArgs { Value = "upper(name)" });
        await cut.WaitForAssertionAsync(() => Assert.DoesNotContain("position", Map().TextContent));
    }

    [Fact]
    public async Task A_text_column_offers_a_length_and_one_out_of_range_shows_its_error_under_the_field()
    {
        var id = await AddFlowAsync(columns:
        [
            new() { Order = 1, SourceField = "id", TargetColumn = "order_id", TargetType = ColumnType.Int },
            new() { Order = 2, SourceField = "name", TargetColumn = "name", Length = 80 },
        ]);
        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("80", cut.Find("input[aria-label='Length of column 2']").GetAttribute("value")));
        Assert.Empty(cut.FindAll("input[aria-label='Length of column 1']"));
        await cut.Find("input[aria-label='Length of column 2']").ChangeAsync(new ChangeEventArgs { Value = "0" });

        await cut.WaitForAssertionAsync(() => Assert.Contains("Between 1 and 10,485,760 characters, or leave empty for unbounded text.", cut.Find("[aria-label='Map stage']").TextContent));
    }

    [Fact]
    public async Task The_load_stage_offers_the_unmapped_field_policy_by_its_words_and_create_if_missing()
    {
        var id = await AddFlowAsync(configure: f => { f.UnmappedFields = UnmappedFieldPolicy.AddColumns; f.CreateIfMissing = true; });
        var cut = RenderDesigner(id);
        AngleSharp.Dom.IElement Load() => cut.Find("[aria-label='Load stage']");

        await cut.WaitForAssertionAsync(() => Assert.Equal("Add them as text columns", Load().QuerySelector("input[aria-label='Unmapped source fields']")?.GetAttribute("value")
            ?? Load().QuerySelector(".mud-select [aria-label='Unmapped source fields']")?.TextContent));
        var create = Load().QuerySelector("input[aria-label='Create the table if missing']")!;
        Assert.True(create.HasAttribute("checked") || create.GetAttribute("aria-checked") == "true");
        await create.ChangeAsync(new ChangeEventArgs { Value = false });

        var draft = await DraftAsync(cut);
        Assert.False(draft.CreateIfMissing);
        Assert.Equal(UnmappedFieldPolicy.AddColumns, draft.UnmappedFields);
    }

    [Fact]
    public async Task A_lookup_added_in_the_map_stage_shows_what_it_still_needs_under_its_fields_after_save_and_can_be_removed()
    {
        var id = await AddFlowAsync(columns: [new() { Order = 1, SourceField = "id", TargetColumn = "order_id" }]);
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Add lookup"));

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Add lookup").ClickAsync(new());
        await cut.Find("input[aria-label='Name of lookup 1']").InputAsync(new ChangeEventArgs { Value = "countries" });
        await cut.Find("input[aria-label='Max entries of lookup 1']").ChangeAsync(new ChangeEventArgs { Value = "20000000" });
        Assert.Equal(20_000_000, (await DraftAsync(cut)).Lookups[0].MaxEntries);
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        await cut.WaitForAssertionAsync(() =>
        {
            var lookup = cut.Find("[aria-label='Lookup 1']").TextContent;
            Assert.Contains("Choose the connection the lookup reads.", lookup);
            Assert.Contains("Enter the field whose value is the key.", lookup);
            Assert.Contains("Between 1 and 10,000,000 entries; 20,000,000 is out of range.", lookup);
        }, TimeSpan.FromSeconds(3));
        Assert.Equal("countries", Assert.Single((await DraftAsync(cut)).Lookups).Name);

        await cut.Find("button[aria-label='Remove lookup countries']").ClickAsync(new());

        Assert.Empty((await DraftAsync(cut)).Lookups);
        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll("[aria-label='Lookup 1']")));
    }

    [Fact]
    public async Task The_row_filter_and_the_expression_help_are_in_the_map_stage()
    {
        var id = await AddFlowAsync(configure: f => f.Filter = "amount > 0");
        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("amount > 0", cut.Find("#flow-filter").TextContent));
        Assert.Empty(cut.FindAll("[data-testid='expression-help']"));
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Expression help").ClickAsync(new());
        await cut.Find("#flow-filter").InputAsync(new ChangeEventArgs { Value = "amount > 10" });

        Assert.Contains("lookup('countries', country_code, 'name')", cut.Find("[data-testid='expression-help']").TextContent);
        Assert.Equal("amount > 10", (await DraftAsync(cut)).Filter);
    }

    [Fact]
    public async Task Parse_stage_previews_the_first_row_group_of_a_Parquet_file_and_hides_the_text_options()
    {
        using (var writer = new ParquetSharp.ParquetFileWriter(Path.Combine(_folder, "orders.parquet"), [new ParquetSharp.Column<int>("id"), new ParquetSharp.Column<string>("city")]))
        {
            foreach (var rows in new[] { new[] { 1, 2, 3 }, new[] { 4, 5 } })
            {
                using var group = writer.AppendRowGroup();
                using (var ids = group.NextColumn().LogicalWriter<int>()) ids.WriteBatch(rows);
                using (var cities = group.NextColumn().LogicalWriter<string>()) cities.WriteBatch([.. rows.Select(i => $"City {i}")]);
            }
            writer.Close();
        }
        var id = await AddFlowAsync(parse: new ParseDefinition { Format = ParseFormat.Parquet }, configure: f => (f.SourcePath, f.ParseFormat) = ("*.parquet", ParseFormat.Parquet));

        var cut = RenderDesigner(id);

        await cut.WaitForAssertionAsync(() => Assert.Equal("Detected fields (2): id, city", cut.Find("[data-testid='detected-fields']").TextContent.Trim()));
        var parsed = cut.Find("[aria-label='Parsed rows'] table");
        Assert.Equal([["1", "1", "City 1"], ["2", "2", "City 2"], ["3", "3", "City 3"]],
            parsed.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()));
        var stage = cut.Find("[aria-label='Parse stage']").TextContent;
        Assert.DoesNotContain("Encoding", stage, StringComparison.Ordinal);
        Assert.DoesNotContain("Delimiter", stage, StringComparison.Ordinal);
        Assert.Contains("first row group", stage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_the_zip_entry_glob_previews_that_entry_of_the_archive()
    {
        await using (var zip = new System.IO.Compression.ZipArchive(File.Create(Path.Combine(_folder, "export.zip")), System.IO.Compression.ZipArchiveMode.Create))
        {
            await using (var a = await zip.CreateEntry("data/a.csv").OpenAsync(Ct)) await a.WriteAsync("id,customer\n1,Ann\n"u8.ToArray(), Ct);
            await using (var b = await zip.CreateEntry("other/b.csv").OpenAsync(Ct)) await b.WriteAsync("total\n3\n"u8.ToArray(), Ct);
        }
        var id = await AddFlowAsync(configure: f => f.SourcePath = "*.zip");
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.Equal("Detected fields (3): id, customer, total", cut.Find("[data-testid='detected-fields']").TextContent.Trim()));

        await cut.Find("#parse-parse\\.archiveentries").InputAsync(new ChangeEventArgs { Value = "other/*.csv" });

        await cut.WaitForAssertionAsync(() => Assert.Equal("Detected fields (1): total", cut.Find("[data-testid='detected-fields']").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("export.zip!other/b.csv", cut.Find("[data-testid='source-sample']").TextContent, StringComparison.Ordinal);
        Assert.Equal("other/*.csv", (await DraftAsync(cut)).Parse.ArchiveEntries);
    }

    private static async Task<FlowForm> DraftAsync(IRenderedComponent<FlowDesigner> cut)
    {
        FlowForm? form = null;
        await cut.InvokeAsync(() => form = cut.FindComponent<MapStage>().Instance.Model.Draft.Form);
        return form!;
    }

    private static async Task<List<ColumnMappingForm>> DraftColumnsAsync(IRenderedComponent<FlowDesigner> cut) => (await DraftAsync(cut)).Columns;

    private IRenderedComponent<FlowDesigner> RenderDesigner(int id)
    {
        Render<MudPopoverProvider>();
        return Render<FlowDesigner>(p => p.Add(d => d.Id, id));
    }

    private async Task<int> AddFlowAsync(ParseDefinition? parse = null, List<ColumnMapping>? columns = null, string? folder = null, Connection? destination = null,
        int loadParallelism = FlowDefinition.DefaultLoadParallelism, Action<Flow>? configure = null)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var files = new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = System.Text.Json.JsonSerializer.Serialize(new { path = folder ?? _folder }) };
        var flow = new Flow
        {
            Name = "Orders", Group = new Group { Name = "Nightly" }, SourceConnection = files, SourcePath = "*.csv",
            ParseOptions = System.Text.Json.JsonSerializer.Serialize(parse ?? new ParseDefinition(), System.Text.Json.JsonSerializerOptions.Web),
            Columns = columns ?? [], DestinationConnection = destination, LoadParallelism = loadParallelism,
        };
        configure?.Invoke(flow);
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }
}
