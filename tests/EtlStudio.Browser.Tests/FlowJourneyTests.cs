using System.Text.RegularExpressions;
using EtlStudio.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace EtlStudio.Browser.Tests;

/// <summary>The whole journey of issue 5 in Chromium: connections, a flow built in the designer with a previewed bad
/// cell, saved, and (with the runtime present) run now, watched live, and its run detail.</summary>
public sealed partial class FlowJourneyTests(PortalServer server, Chromium chromium, PostgresServer postgres) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-journey.").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        // Two shared cores run the app, the browser and PostgreSQL: give each step more than the 5 s default.
        _context.SetDefaultTimeout(15_000);
        SetDefaultExpectTimeout(15_000);
        await server.SignInAsync(_context);
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Build_a_flow_in_the_designer_preview_the_bad_cell_save_and_run_it()
    {
        var database = await postgres.CreateDatabaseAsync("journey");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand("CREATE TABLE orders (order_id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2), order_date date)", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"),
            "order_id,customer,amount,order_date\n1,Ann,10.50,2024-01-31\n2,Bob,abc,2024-02-01\n3,Cy,7.25,2024-02-02\n", TestContext.Current.CancellationToken);
        var groupName = $"Journey {_suffix}";

        // A group to put the flow in.
        await OpenAsync("groups/new");
        await Field("Name").FillAsync(groupName);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/groups$"));

        // The destination: PostgreSQL, tested for real.
        await OpenAsync("connections/new");
        await Field("Name").FillAsync($"Warehouse {_suffix}");
        await Field("Host").FillAsync("127.0.0.1");
        await Field("Port").FillAsync(postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("Database").FillAsync(new NpgsqlConnectionStringBuilder(database).Database!);
        await Field("User name").FillAsync("postgres");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(_page.GetByTestId("connection-test-result")).ToContainTextAsync("Connected to PostgreSQL");
        await Screenshots.SaveAsync(_page, "10-connection-postgres-tested");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/connections$"));

        // The source: a local folder with the CSV.
        await OpenAsync("connections/new");
        await Field("Name").FillAsync($"Drop folder {_suffix}");
        await ChooseAsync("Kind", "Local folder");
        await Field("Folder").FillAsync(_folder);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(_page.GetByTestId("connection-test-result")).ToContainTextAsync("exists with 1 file(s)");
        await Screenshots.SaveAsync(_page, "11-connection-folder-tested");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Drop folder {_suffix}" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "12-connections-list");

        // The designer: source → parse → map → load.
        await OpenAsync("flows/new");
        await Field("Flow name").FillAsync("Load orders");
        await ChooseAsync("Group", groupName);
        await ChooseAsync("Source connection", $"Drop folder {_suffix} (Local folder)");
        await Field("Files (glob)").FillAsync("*.csv");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Fetch sample" }).ClickAsync();
        await Expect(Field("Source lines")).ToContainTextAsync("2,Bob,abc,2024-02-01");
        await Expect(_page.GetByTestId("detected-fields")).ToHaveTextAsync("Detected fields (4): order_id, customer, amount, order_date");
        await Screenshots.SaveAsync(_page, "13-designer-source-and-parse");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Auto-map" }).ClickAsync();
        await Expect(Field("Target column 4")).ToHaveValueAsync("order_date");
        await ChooseAsync("Type of column 1", "Int");
        await ChooseAsync("Type of column 3", "Decimal");
        await ChooseAsync("Type of column 4", "Date");
        var bad = _page.GetByTestId("bad-cell");
        await Expect(bad).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(bad).ToContainTextAsync("abc");
        await Expect(bad).ToHaveAttributeAsync("title", new Regex("^not a valid Decimal"));
        await Expect(_page.GetByTestId("map-summary")).ToContainTextAsync("3 row(s) mapped, 1 would be rejected");
        await Screenshots.SaveAsync(_page, "14-designer-map-bad-cell");

        await ChooseAsync("Destination connection", $"Warehouse {_suffix} (PostgreSQL)");
        await Field("Table").FillAsync("orders");
        // Typed and checked at once, no pause and no blur first: the check must see the table just typed (issue 5).
        await _page.GetByRole(AriaRole.Button, new() { Name = "Check destination" }).ClickAsync();
        var check = _page.GetByTestId("destination-check");
        await Expect(check).ToContainTextAsync("The table takes every mapped column");
        await Screenshots.SaveAsync(_page, "15-designer-load-checked");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/flows/\\d+$"));
        await using (var db = await server.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var flow = await db.Flows.Include(f => f.Columns).SingleAsync(f => f.Name == "Load orders" && f.Group!.Name == groupName, TestContext.Current.CancellationToken);
            Assert.Equal(["order_id", "customer", "amount", "order_date"], flow.Columns.OrderBy(c => c.Order).Select(c => c.TargetColumn));
            Assert.Equal(EtlStudio.Engine.Definitions.ColumnType.Decimal, flow.Columns.Single(c => c.TargetColumn == "amount").TargetType);
            Assert.Equal("orders", flow.DestinationTable);
        }
        await Screenshots.SaveAsync(_page, "16-designer-saved");

        // Dry run first: the counts a real run would have, and the table is left as it was.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(_page.GetByTestId("dry-run-counts")).ToHaveTextAsync("Would insert 2 · update 0 · reject 1", new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(_page, "16b-designer-dry-run");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM orders", connection);
            Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        var runNow = _page.GetByRole(AriaRole.Button, new() { Name = "Run now Load orders" });
        await Expect(runNow).ToBeEnabledAsync();
        await runNow.ClickAsync();
        var progress = _page.Locator(".run-progress").First;
        await Expect(progress).ToContainTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(progress).ToContainTextAsync("3 read · 2 written · 1 rejected");
        await Screenshots.SaveAsync(_page, "17-run-succeeded-live");
        await progress.GetByRole(AriaRole.Link, new() { Name = "Run details" }).ClickAsync();
        await Expect(_page.GetByTestId("run-counts")).ToHaveTextAsync("3 read = 2 written + 1 rejected + 0 filtered");
        await Expect(Field("Rejected rows")).ToContainTextAsync("abc");
        await Screenshots.SaveAsync(_page, "18-run-detail");
    }

    private ILocator Field(string label) => _page.GetByLabel(label, new() { Exact = true });

    private async Task OpenAsync(string path)
    {
        await _page.GotoAsync(path);
        await Expect(_page.GetByTestId("interactive")).ToBeAttachedAsync();
    }

    /// <summary>Opens a MudSelect by its label and picks an option by its text.</summary>
    private async Task ChooseAsync(string label, string option)
    {
        await _page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }
}
