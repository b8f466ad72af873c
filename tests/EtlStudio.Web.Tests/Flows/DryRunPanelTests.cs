using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The designer's Dry run panel over the real engine: CSV files in a folder, a SQLite destination file.</summary>
public sealed class DryRunPanelTests : PortalContext
{
    private static readonly HttpClient Http = new();
    private readonly GatedSources _sources = new(new SourceFactory(Http));
    private readonly ItemsWarehouse _warehouse;

    public DryRunPanelTests()
    {
        _warehouse = new ItemsWarehouse(Folder);
        Services.AddSingleton<ISourceFactory>(_sources);
        Services.AddSingleton<ILoaderFactory>(new LoaderFactory());
        Services.AddEtlPipeline(new StagingOptions { Folder = Path.Combine(Folder, "staging") });
        Services.AddSingleton<FlowDefinitionFactory>();
        Services.AddSingleton<FlowDryRun>();
        SignInAs(Roles.Operator);
    }

    [Fact]
    public async Task Dry_run_shows_what_it_would_insert_update_and_reject_and_changes_nothing()
    {
        var id = await AddUpsertFlowAsync();
        var cut = Render<DryRunPanel>(p => p.Add(x => x.FlowId, id));

        await cut.Find("button[aria-label='Dry run']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal("Would insert 2 · update 2 · reject 1", cut.Find("[data-testid='dry-run-counts']").TextContent.Trim()));
        Assert.Contains("5 rows read", cut.Find("[data-testid='dry-run-summary']").TextContent, StringComparison.Ordinal);
        var reject = cut.FindAll("[data-testid='dry-run-rejects'] tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["5", "id", "bad"], reject.Take(3));
        Assert.Equal(Path.Combine(_warehouse.Input, "a.csv"), reject[4]);
        Assert.Equal(ItemsWarehouse.OldRows, await _warehouse.RowsAsync(Ct));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Empty(db.Runs);
        Assert.False(Directory.Exists(Path.Combine(Folder, "staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(Folder, "staging")).Any());
    }

    [Fact]
    public async Task The_button_is_disabled_while_the_dry_run_is_in_flight_and_Cancel_stops_it()
    {
        var id = await AddUpsertFlowAsync();
        _sources.Close();
        var cut = Render<DryRunPanel>(p => p.Add(x => x.FlowId, id));

        var click = cut.Find("button[aria-label='Dry run']").ClickAsync(new());
        await _sources.Reached.Task.WaitAsync(Ct);

        await cut.WaitForAssertionAsync(() => Assert.True(cut.Find("button[aria-label='Dry run']").HasAttribute("disabled")));
        Clock.Advance(TimeSpan.FromSeconds(65));
        await cut.WaitForAssertionAsync(() => Assert.Equal("00:01:05", cut.Find("[data-testid='dry-run-elapsed']").TextContent.Trim()));
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await click;

        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("[data-testid='dry-run-cancelled']")));
        Assert.False(cut.Find("button[aria-label='Dry run']").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid='dry-run-counts']"));
        Assert.Equal(ItemsWarehouse.OldRows, await _warehouse.RowsAsync(Ct));
    }

    [Fact]
    public async Task A_failing_dry_run_shows_the_error_and_the_next_one_works()
    {
        var id = await AddUpsertFlowAsync(table: "missing");
        var cut = Render<DryRunPanel>(p => p.Add(x => x.FlowId, id));

        await cut.Find("button[aria-label='Dry run']").ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.Contains("missing", cut.Find("[data-testid='dry-run-error']").TextContent, StringComparison.Ordinal));
        await _warehouse.ExecuteAsync("CREATE TABLE missing (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", Ct);
        await cut.Find("button[aria-label='Dry run']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal("Would insert 4 · update 0 · reject 1", cut.Find("[data-testid='dry-run-counts']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='dry-run-error']"));
    }

    [Fact]
    public async Task A_dry_run_that_would_create_the_table_lists_the_DDL_and_the_schema_events_and_counts_the_filtered_rows()
    {
        var id = await AddUpsertFlowAsync(table: "fresh", configure: f => { f.CreateIfMissing = true; f.Filter = "name != 'e'"; });
        var cut = Render<DryRunPanel>(p => p.Add(x => x.FlowId, id));

        await cut.Find("button[aria-label='Dry run']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal("Would insert 3 · update 0 · reject 1 · filter out 1", cut.Find("[data-testid='dry-run-counts']").TextContent.Trim()));
        var ddl = cut.Find("pre[aria-label='Dry-run schema statements']").TextContent;
        Assert.StartsWith("CREATE TABLE", ddl, StringComparison.Ordinal);
        Assert.Contains("fresh", ddl, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid='dry-run-schema-events'] li"), li => li.TextContent.Contains("rolled back", StringComparison.Ordinal));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_warehouse.File};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'fresh'";
        Assert.Equal(0L, await exists.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Without_the_Run_policy_there_is_no_button_and_the_handler_refuses_too()
    {
        var id = await AddUpsertFlowAsync();
        var cut = Render<DryRunPanel>(p => p.Add(x => x.FlowId, id));
        Assert.Single(cut.FindAll("button[aria-label='Dry run']"));

        // The role is lowered after the button was shown (the re-render hides it): the handler, reached anyway as a
        // circuit message could, still refuses.
        SignInAs(Roles.Viewer);
        await cut.InvokeAsync(cut.Instance.StartAsync);
        cut.Render();

        Assert.Contains("needs the Run permission", cut.Find("[data-testid='dry-run-error']").TextContent, StringComparison.Ordinal);
        Assert.False(_sources.Reached.Task.IsCompleted);
        Assert.Empty(cut.FindAll("button[aria-label='Dry run']"));
        var hidden = Render<DryRunPanel>(p => p.Add(x => x.FlowId, id));
        Assert.Empty(hidden.FindAll("button[aria-label='Dry run']"));
    }

    private async Task<int> AddUpsertFlowAsync(string table = "items", Action<Flow>? configure = null)
    {
        await _warehouse.CreateAsync(Ct);
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var flow = new Flow
        {
            Name = "Items", Group = new Group { Name = "Nightly" }, SourcePath = "*.csv",
            SourceConnection = new Connection { Name = "Inbox", Kind = ConnectionKind.LocalFolder, Settings = JsonSerializer.Serialize(new { path = _warehouse.Input }) },
            DestinationConnection = new Connection { Name = "Warehouse", Kind = ConnectionKind.Sqlite, Settings = JsonSerializer.Serialize(new { dataSource = _warehouse.File }) },
            DestinationTable = table, LoadMode = LoadMode.Upsert, KeyColumns = "id",
            Columns =
            [
                new ColumnMapping { Order = 0, SourceField = "id", TargetColumn = "id", TargetType = ColumnType.Int, Required = true },
                new ColumnMapping { Order = 1, SourceField = "name", TargetColumn = "name" },
            ],
        };
        configure?.Invoke(flow);
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return flow.Id;
    }
}
