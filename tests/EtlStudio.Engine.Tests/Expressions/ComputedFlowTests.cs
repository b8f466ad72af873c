using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Tests.EndToEnd;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.Expressions;

/// <summary>Computed columns and a row filter through real CSV files into real PostgreSQL and SQLite:
/// read = written + rejected + filtered, in the run, the dry run and the preview.</summary>
public sealed class ComputedFlowTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private const string Csv = "id,name,qty,code\n1,ada,1,nl\n2,bob,5,nl\n3,cy,x,nl\n4,dee,2,skip\n5,eve,7,be\n6,fay,3,skip\n";

    private static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int, Required = true },
        new() { SourceField = "qty", TargetColumn = "qty", Type = ColumnType.Int },
        new() { SourceField = "code", TargetColumn = "code" },
        new() { TargetColumn = "label", Expression = "upper(name)" },
        new() { TargetColumn = "ratio", Type = ColumnType.Int, Expression = "100 / (qty - 5)" },
        new() { TargetColumn = "tag", Expression = "concat(code, '-', lpad(to_text(id), 3, '0'))" },
    ];

    private const string Filter = "code != 'skip'";

    private static async Task<FlowDefinition> PrepareAsync(EngineHost host, TargetDatabase db)
    {
        await db.ExecuteAsync("CREATE TABLE calc (id INTEGER NOT NULL PRIMARY KEY, qty INTEGER, code TEXT, label TEXT, ratio INTEGER, tag TEXT)");
        await File.WriteAllTextAsync(host.PathOf("a.csv"), Csv, TestContext.Current.CancellationToken);
        return host.Flow(Columns, db.Provider, db.ConnectionString, "calc") with { Filter = Filter };
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Run_loads_computed_columns_rejects_rows_that_throw_and_counts_filtered_rows_apart(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        var flow = await PrepareAsync(host, db);
        var rejects = new ListRejects();

        var result = await host.RunAsync(flow, rejects);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((6L, 2L, 2L, 2L), (result.RowsRead, result.RowsWritten, result.RowsRejected, result.RowsFiltered));
        Assert.Equal(result.RowsRead, result.RowsWritten + result.RowsRejected + result.RowsFiltered + result.RowsSkipped);
        var rows = (await db.QueryAsync("SELECT id, qty, code, label, ratio, tag FROM calc ORDER BY id"))
            .Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();
        Assert.Equal(["1|1|nl|ADA|-25|nl-001", "5|7|be|EVE|50|be-005"], rows);
        Assert.Equal(
            [(2L, "ratio", "100 / (qty - 5)"), (3L, "qty", "x")],
            rejects.Rows.Select(r => (r.RowNumber, r.Column, r.Value)).OrderBy(r => r.RowNumber));
        Assert.Contains("divide by zero", rejects.Rows.Single(r => r.RowNumber == 2).Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dry_run_reports_filtered_rows_and_keeps_its_invariant(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        var flow = await PrepareAsync(host, db);

        var dry = await host.Runner.DryRunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        Assert.True(dry.Succeeded, dry.Error?.ToString());
        Assert.Equal((2L, 2L, 2L), (dry.WouldInsert, dry.RowsRejected, dry.RowsFiltered));
        Assert.Equal(dry.RowsRead, dry.WouldInsert + dry.WouldUpdate + dry.RowsRejected + dry.RowsFiltered);
        Assert.Empty(await db.QueryAsync("SELECT id FROM calc"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lookup_fills_a_column_and_a_missing_key_rejects_a_required_one_with_the_key(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE lk (id INTEGER NOT NULL PRIMARY KEY, code TEXT, country TEXT)");
        await File.WriteAllTextAsync(host.PathOf("a.csv"), "id,code\n1,nl\n2,be\n3,xx\n", TestContext.Current.CancellationToken);
        ColumnMap[] columns =
        [
            new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int, Required = true },
            new() { SourceField = "code", TargetColumn = "code" },
            new() { TargetColumn = "country", Required = true, Expression = "lookup('countries', upper(code), 'name')" },
        ];
        var flow = host.Flow(columns, provider, db.ConnectionString, "lk", pattern: "a.csv") with
        {
            Lookups = [new LookupDefinition { Name = "countries", Source = new FileSourceDefinition { Location = host.Input, Pattern = "countries.csv" }, KeyField = "code" }],
        };
        await File.WriteAllTextAsync(host.PathOf("countries.csv"), "code,name\nNL,Netherlands\nBE,Belgium\n", TestContext.Current.CancellationToken);
        var rejects = new ListRejects();

        var result = await host.RunAsync(flow, rejects);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((3L, 2L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        Assert.Equal(["1|nl|Netherlands", "2|be|Belgium"],
            (await db.QueryAsync("SELECT id, code, country FROM lk ORDER BY id")).Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal((3L, "country", "lookup 'countries' has no entry for key 'XX'"), (reject.RowNumber, reject.Column, reject.Reason));
    }

    [Fact]
    public async Task Preview_shows_computed_cells_cell_errors_and_filtered_rows()
    {
        var preview = new FlowPreview(new EtlStudio.Engine.Tests.Preview.FlowPreviewTests.NoSources());
        var document = new EtlStudio.Engine.Sources.SourceDocument("a.csv", new MemoryStream(new UTF8Encoding(false).GetBytes(Csv)));

        var result = await preview.RunAsync(document, new ParseDefinition(), Columns, Filter, 100, TestContext.Current.CancellationToken);

        Assert.Empty(result.MappingProblems);
        Assert.Equal([false, false, false, true, false, true], result.Rows.Select(r => r.IsFiltered));
        Assert.Equal(2, result.FilteredRows);
        Assert.Equal(2, result.RejectedRows);
        Assert.Equal(["ADA", -25, "nl-001"], result.Rows[0].Cells.Skip(3).Select(c => c.Value));
        Assert.Equal(("100 / (qty - 5)", true), (result.Rows[1].Cells[4].Raw, result.Rows[1].Cells[4].Error!.Contains("divide by zero", StringComparison.OrdinalIgnoreCase)));
        Assert.StartsWith("not a valid Int", result.Rows[2].Cells[1].Error, StringComparison.Ordinal);
    }
}
