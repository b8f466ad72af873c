using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The Load stage's schema plan against a real SQLite destination: shown before anything runs, applied as the
/// server plans it again, refused DDL shown with table and statement, and a missing table that the flow creates does
/// not stop a save.</summary>
public sealed class SchemaPlanDesignerTests : PortalContext
{
    private readonly string _folder;
    private readonly string _warehouse;

    public SchemaPlanDesignerTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(Folder, "source")).FullName;
        _warehouse = Path.Combine(Folder, "warehouse.db");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Check_destination_shows_the_create_table_plan_first_and_the_button_creates_exactly_that_table()
    {
        var cut = await CheckedAsync(await AddFlowAsync("orders", createIfMissing: false));

        var statements = cut.Find("pre[aria-label='Schema statements']").TextContent;
        Assert.StartsWith("CREATE TABLE", statements, StringComparison.Ordinal);
        Assert.Contains("order_id", statements, StringComparison.Ordinal);
        Assert.Equal("Table 'orders' does not exist: 1 statement(s) would run.", cut.Find("[data-testid='schema-plan-summary']").TextContent.Trim());
        var diff = cut.Find("[aria-label='Schema differences']").QuerySelectorAll("tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(diff, r => r[0] == "id" && r[2] == "order_id" && r[4] == "column missing from the table (added)");
        // The source's 'note' field is in the sample but no column maps it; 'amount' is read only by the computed column.
        Assert.Contains(diff, r => r[0] == "note" && r[1] == "yes" && r[4] == "source field not mapped");
        Assert.DoesNotContain(diff, r => r[0] == "amount" && r[4] == "source field not mapped");
        Assert.False(await TableExistsAsync("orders"), "the plan is shown, nothing is applied yet");

        await Button(cut, "Create table").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal("Table 'orders' created (1 statement(s) ran).", cut.Find("[data-testid='schema-applied']").TextContent.Trim()));
        Assert.True(await TableExistsAsync("orders"));
        Assert.Equal(["order_id", "doubled"], await ColumnsAsync("orders"));
        Assert.Contains("The table takes every mapped column", cut.Find("[data-testid='destination-check']").TextContent);
        Assert.Equal("Table 'orders' exists: it fits, no statement to run.", cut.Find("[data-testid='schema-plan-summary']").TextContent.Trim());
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Create table" or "Apply changes");
    }

    [Fact]
    public async Task Apply_runs_the_plan_made_again_at_apply_time_so_a_table_created_meanwhile_gets_only_the_missing_column()
    {
        var cut = await CheckedAsync(await AddFlowAsync("orders", createIfMissing: false));
        Assert.StartsWith("CREATE TABLE", cut.Find("pre[aria-label='Schema statements']").TextContent, StringComparison.Ordinal);

        await ExecuteAsync("CREATE TABLE orders (order_id INTEGER)");
        await Button(cut, "Create table").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal("Table 'orders' changed (1 statement(s) ran).", cut.Find("[data-testid='schema-applied']").TextContent.Trim()));
        Assert.Equal(["order_id", "doubled"], await ColumnsAsync("orders"));
    }

    [Fact]
    public async Task Editing_the_draft_after_the_check_takes_the_stale_plan_and_its_button_away()
    {
        var cut = await CheckedAsync(await AddFlowAsync("orders", createIfMissing: false));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Create table");

        await cut.Find("#flow-destinationtable").InputAsync(new ChangeEventArgs { Value = "orders_v2" });

        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll("[data-testid='schema-plan']")));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Create table");
        Assert.False(await TableExistsAsync("orders"));
    }

    [Fact]
    public async Task DDL_the_database_refuses_is_shown_naming_the_table_and_the_statement_and_nothing_is_created()
    {
        var cut = await CheckedAsync(await AddFlowAsync("no_such_schema.refused", createIfMissing: true));
        var statement = cut.Find("pre[aria-label='Schema statements']").TextContent.TrimEnd(';');

        await Button(cut, "Create table").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-testid='schema-apply-problem']")));
        var problem = cut.Find("[data-testid='schema-apply-problem']").TextContent;
        Assert.Contains("no_such_schema.refused", problem, StringComparison.Ordinal);
        Assert.Contains(statement, problem, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='schema-applied']"));
    }

    [Fact]
    public async Task A_missing_table_the_flow_creates_does_not_stop_the_save_but_one_it_does_not_create_does()
    {
        var id = await AddFlowAsync("orders", createIfMissing: true);
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.Contains("Detected fields (3)", cut.Find("[data-testid='detected-fields']").TextContent));

        await Button(cut, "Save").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("the first run creates it", cut.Find("[data-testid='destination-check']").TextContent));
        Assert.Empty(cut.FindAll("[data-testid='designer-problem']"));
        Assert.False(await TableExistsAsync("orders"), "a save changes no table");

        await cut.Find("input[aria-label='Create the table if missing']").ChangeAsync(new ChangeEventArgs { Value = false });
        await Button(cut, "Save").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("The destination check found problems", cut.Find("[data-testid='designer-problem']").TextContent));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Save anyway");
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<FlowDesigner> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>The designer of flow <paramref name="id"/> once its sample is read and "Check destination" has shown the plan.</summary>
    private async Task<IRenderedComponent<FlowDesigner>> CheckedAsync(int id)
    {
        var cut = RenderDesigner(id);
        await cut.WaitForAssertionAsync(() => Assert.Contains("Detected fields (3)", cut.Find("[data-testid='detected-fields']").TextContent));
        await Button(cut, "Check destination").ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-testid='schema-plan']")));
        return cut;
    }

    private IRenderedComponent<FlowDesigner> RenderDesigner(int id)
    {
        Render<MudPopoverProvider>();
        return Render<FlowDesigner>(p => p.Add(d => d.Id, id));
    }

    private async Task<int> AddFlowAsync(string table, bool createIfMissing)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"), "id,amount,note\n1,10,a\n2,20,b\n", Ct);
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var files = new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = System.Text.Json.JsonSerializer.Serialize(new { path = _folder }) };
        var warehouse = new Connection { Name = "Warehouse", Kind = ConnectionKind.Sqlite, Settings = System.Text.Json.JsonSerializer.Serialize(new { dataSource = _warehouse }) };
        var flow = new Flow
        {
            Name = "Orders", Group = new Group { Name = "Nightly" }, SourceConnection = files, SourcePath = "*.csv",
            ParseOptions = System.Text.Json.JsonSerializer.Serialize(new ParseDefinition(), System.Text.Json.JsonSerializerOptions.Web),
            Columns =
            [
                new() { Order = 1, SourceField = "id", TargetColumn = "order_id", TargetType = ColumnType.Int },
                new() { Order = 2, TargetColumn = "doubled", TargetType = ColumnType.Int, Expression = "to_int(amount) * 2" },
            ],
            DestinationConnection = warehouse, DestinationTable = table, CreateIfMissing = createIfMissing,
        };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_warehouse};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<bool> TableExistsAsync(string table) => (await ColumnsAsync(table)).Count > 0;

    private async Task<List<string>> ColumnsAsync(string table)
    {
        if (!File.Exists(_warehouse)) return [];
        await using var connection = new SqliteConnection($"Data Source={_warehouse};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($t) ORDER BY cid";
        command.Parameters.AddWithValue("$t", table);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var names = new List<string>();
        while (await reader.ReadAsync(Ct)) names.Add(reader.GetString(0));
        return names;
    }
}
