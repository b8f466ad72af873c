using System.Text.RegularExpressions;
using EtlStudio.Testing;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace EtlStudio.Browser.Tests;

/// <summary>The walk of issue 13 in Chromium at 1400×900: a flow with computed columns (one reading a file lookup) and a
/// row filter, previewed (looked-up names, the filtered row marked), its table created from the Load stage's schema plan
/// (the DDL shown first), run now, and a run page that balances read = written + rejected + filtered.</summary>
public sealed class TransformWalkTests(PortalServer server, Chromium chromium, PostgresServer postgres) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-transform-walk.").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
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
    public async Task A_flow_with_computed_columns_a_filter_and_a_lookup_creates_its_table_and_its_run_balances_with_filtered_rows()
    {
        var cancel = TestContext.Current.CancellationToken;
        var database = await postgres.CreateDatabaseAsync("transform");
        // Row 2 has a bad amount (rejected), row 4 is from 'us' (filtered): 4 read = 2 written + 1 rejected + 1 filtered.
        await File.WriteAllTextAsync(Path.Combine(_folder, "orders.csv"),
            "order_id,customer,country,amount\n1,Ann,nl,10.50\n2,Bob,de,abc\n3,Cy,fr,7.25\n4,Dee,us,3.00\n", cancel);
        await File.WriteAllTextAsync(Path.Combine(_folder, "countries.txt"),
            "code,name\nnl,Netherlands\nde,Germany\nfr,France\nus,United States\n", cancel);
        var groupName = $"Transform {_suffix}";

        await OpenAsync("groups/new");
        await Field("Name").FillAsync(groupName);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/groups$"));

        await OpenAsync("connections/new");
        await Field("Name").FillAsync($"Warehouse {_suffix}");
        await Field("Host").FillAsync("127.0.0.1");
        await Field("Port").FillAsync(postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("Database").FillAsync(new NpgsqlConnectionStringBuilder(database).Database!);
        await Field("User name").FillAsync("postgres");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(_page.GetByTestId("connection-test-result")).ToContainTextAsync("Connected to PostgreSQL");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/connections$"));

        await OpenAsync("connections/new");
        await Field("Name").FillAsync($"Drop folder {_suffix}");
        await ChooseAsync("Kind", "Local folder");
        await Field("Folder").FillAsync(_folder);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(_page.GetByTestId("connection-test-result")).ToContainTextAsync("exists with 2 file(s)");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Drop folder {_suffix}" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "30-transform-connections");

        // Source and parse: the orders file (the lookup, a CSV named .txt, sits in the same folder).
        await OpenAsync("flows/new");
        await Field("Flow name").FillAsync("Orders with countries");
        await ChooseAsync("Group", groupName);
        // The connection first, then the glob: the sample follows what is typed, no "Fetch sample" needed (the folder's
        // other file, the lookup, must not show).
        await ChooseAsync("Source connection", $"Drop folder {_suffix} (Local folder)");
        await Field("Files (glob)").FillAsync("orders.csv");
        await Expect(_page.GetByTestId("detected-fields")).ToHaveTextAsync("Detected fields (4): order_id, customer, country, amount");

        // Map: four source fields, then two computed columns, one of them read from the lookup.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Auto-map" }).ClickAsync();
        await Expect(Field("Target column 4")).ToHaveValueAsync("amount");
        await ChooseAsync("Type of column 1", "Int");
        await ChooseAsync("Type of column 4", "Decimal");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add lookup" }).ClickAsync();
        await Field("Name of lookup 1").FillAsync("countries");
        await ChooseAsync("Connection of lookup 1", $"Drop folder {_suffix} (Local folder)");
        await Field("File of lookup 1").FillAsync("countries.txt");
        await Field("Key field of lookup 1").FillAsync("code");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add computed" }).ClickAsync();
        // The new row comes after the server has re-rendered the map (a busy CI machine can take long).
        await Expect(Field("Target column 5")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Field("Target column 5").FillAsync("country_code");
        await Field("Expression of column 5").FillAsync("upper(country)");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add computed" }).ClickAsync();
        // The new row comes after the server has re-rendered the map (a busy CI machine can take long).
        await Expect(Field("Target column 6")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Field("Target column 6").FillAsync("country_name");
        await Field("Expression of column 6").FillAsync("lookup('countries', country, 'name')");
        await Field("Row filter").FillAsync("country != 'us'");

        // The preview runs the engine's own mapping: computed and looked-up values, the bad amount flagged, the 'us'
        // row marked filtered (a label, not only a colour) and counted.
        await Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "NL", Exact = true })).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "FR", Exact = true })).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "Netherlands", Exact = true })).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "France", Exact = true })).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("bad-cell").Filter(new() { HasText = "abc" })).ToHaveCountAsync(1);
        var filtered = _page.Locator("tr.row-filtered").Filter(new() { Has = _page.Locator("td[data-filtered='true']") });
        await Expect(filtered).ToHaveCountAsync(1);
        await Expect(filtered).ToContainTextAsync("Dee");
        await Expect(filtered).ToContainTextAsync("filtered");
        await Expect(_page.GetByTestId("map-summary")).ToHaveTextAsync("4 row(s) mapped, 1 would be rejected, 1 filtered");
        await Screenshots.SaveAsync(_page, "31-transform-map-preview");

        // Load: the table does not exist yet. The check shows the engine's plan (diff and DDL) before anything runs;
        // "Create table" runs the plan made again on the server, then checks again.
        await ChooseAsync("Destination connection", $"Warehouse {_suffix} (PostgreSQL)");
        await Field("Table").FillAsync("orders");
        await _page.GetByRole(AriaRole.Checkbox, new() { Name = "Create the table if missing" }).CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Check destination" }).ClickAsync();
        await Expect(_page.GetByTestId("schema-plan-summary")).ToHaveTextAsync("Table 'orders' does not exist: 1 statement(s) would run.");
        var ddl = _page.GetByLabel("Schema statements", new() { Exact = true });
        await Expect(ddl).ToContainTextAsync("CREATE TABLE");
        await Expect(ddl).ToContainTextAsync("country_name");
        await ddl.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(_page, "32-transform-load-plan");
        await using (var before = new NpgsqlConnection(database))
        {
            await before.OpenAsync(cancel);
            await using var exists = new NpgsqlCommand("SELECT to_regclass('public.orders') IS NOT NULL", before);
            Assert.False((bool)(await exists.ExecuteScalarAsync(cancel))!, "the plan is shown before anything is applied");
        }
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create table" }).ClickAsync();
        await Expect(_page.GetByTestId("schema-applied")).ToHaveTextAsync("Table 'orders' created (1 statement(s) ran).");
        await Expect(_page.GetByTestId("destination-check")).ToContainTextAsync("The table takes every mapped column");
        await Screenshots.SaveAsync(_page, "32b-transform-load-created");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/flows/\\d+$"));
        await Screenshots.SaveAsync(_page, "33-transform-saved");

        var runNow = _page.GetByRole(AriaRole.Button, new() { Name = "Run now Orders with countries" });
        await Expect(runNow).ToBeEnabledAsync();
        await runNow.ClickAsync();
        var progress = _page.Locator(".run-progress").First;
        await Expect(progress).ToContainTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(progress.GetByTestId("run-rows")).ToHaveTextAsync("4 read · 2 written · 1 rejected · 1 filtered");
        await Screenshots.SaveAsync(_page, "34-transform-run-live");
        await progress.GetByRole(AriaRole.Link, new() { Name = "Run details" }).ClickAsync();
        await Expect(_page.GetByTestId("run-counts")).ToHaveTextAsync("4 read = 2 written + 1 rejected + 1 filtered");
        await Expect(Field("Rejected rows")).ToContainTextAsync("abc");
        await Screenshots.SaveAsync(_page, "35-transform-run-detail");

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancel);
        await using var select = new NpgsqlCommand("SELECT order_id, customer, country_code, country_name, amount FROM orders ORDER BY order_id", connection);
        await using var reader = await select.ExecuteReaderAsync(cancel);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancel))
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(["1|Ann|NL|Netherlands|10.50", "3|Cy|FR|France|7.25"], rows);
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
