using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Create-if-missing and the unmapped-field policy in real runs, from CSV files into live PostgreSQL and
/// SQLite: what the table becomes, what is loaded, and what the run log says.</summary>
public sealed class SchemaDriftTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private static readonly ColumnMap[] IdName =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int, Required = true },
        new() { SourceField = "name", TargetColumn = "name", Length = 40 },
    ];

    private sealed class ListLog : IRunLog
    {
        public List<string> Warnings { get; } = [];
        public List<string> Infos { get; } = [];
        public void Warn(string message) => Warnings.Add(message);
        public void Info(string message) => Infos.Add(message);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FlowRunContext Context(IRunLog log) => new() { RunId = Guid.NewGuid(), Log = log };

    private static async Task<List<string?[]>> RowsAsync(TargetDatabase db, string sql) =>
        [.. (await db.QueryAsync(sql)).Select(r => r.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray())];

    private static async Task<bool> TableExistsAsync(TargetDatabase db, string table) =>
        (await db.QueryAsync(db.Provider == DatabaseProvider.PostgreSql
            ? $"SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = '{table}'"
            : $"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{table}'")).Count > 0;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_run_creates_a_missing_table_with_the_keys_as_primary_key_and_loads_it(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name\n1,one\n2,two\n1,uno\n");
        var flow = host.Flow(IdName, provider, db.ConnectionString, "created", mode: LoadMode.Upsert, keys: ["id"]);
        flow = flow with { Destination = flow.Destination with { CreateIfMissing = true } };
        var log = new ListLog();

        var result = await host.Runner.RunAsync(flow, Context(log), Ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal([["1", "uno"], ["2", "two"]], await RowsAsync(db, "SELECT id, name FROM created ORDER BY id"));
        var create = Assert.Single(result.SchemaStatements);
        Assert.Contains("PRIMARY KEY", create, StringComparison.Ordinal);
        // The DDL the flow asked for is information in the run log, not a warning.
        Assert.Contains(log.Infos, i => i.Contains(create, StringComparison.Ordinal));
        Assert.DoesNotContain(log.Warnings, w => w.Contains(create, StringComparison.Ordinal));

        var again = await host.Runner.RunAsync(flow, Context(new ListLog()), Ct);
        Assert.True(again.Succeeded, again.Error?.ToString());
        Assert.Empty(again.SchemaStatements);
    }

    public static TheoryData<DatabaseProvider, LoadMode> ProvidersAndModes => new()
    {
        { DatabaseProvider.PostgreSql, LoadMode.Append }, { DatabaseProvider.PostgreSql, LoadMode.Upsert }, { DatabaseProvider.PostgreSql, LoadMode.TruncateReplace },
        { DatabaseProvider.Sqlite, LoadMode.Append }, { DatabaseProvider.Sqlite, LoadMode.Upsert }, { DatabaseProvider.Sqlite, LoadMode.TruncateReplace },
    };

    [Theory]
    [MemberData(nameof(ProvidersAndModes))]
    public async Task A_dry_run_reports_the_create_statement_and_what_it_would_load_and_leaves_no_table(DatabaseProvider provider, LoadMode mode)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name\n1,one\n2,two\n");
        var flow = host.Flow(IdName, provider, db.ConnectionString, "dry_created", mode: mode, keys: mode == LoadMode.Upsert ? ["id"] : null);
        flow = flow with { Destination = flow.Destination with { CreateIfMissing = true } };

        var result = await host.Runner.DryRunAsync(flow, Context(new ListLog()), Ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(2, result.WouldInsert);
        Assert.StartsWith("CREATE TABLE", Assert.Single(result.SchemaStatements), StringComparison.Ordinal);
        Assert.Contains(result.SchemaEvents, e => e.Contains("rolled back", StringComparison.Ordinal));
        Assert.False(await TableExistsAsync(db, "dry_created"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_table_the_database_refuses_to_create_fails_the_run_naming_table_and_statement(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name\n1,one\n");
        var flow = host.Flow(IdName, provider, db.ConnectionString, "no_such_schema.refused");
        flow = flow with { Destination = flow.Destination with { CreateIfMissing = true } };

        var result = await host.Runner.RunAsync(flow, Context(new ListLog()), Ct);

        var error = Assert.IsType<EtlDataException>(result.Error);
        Assert.Contains("Table 'no_such_schema.refused'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(result.SchemaStatements), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.RowsWritten);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_field_only_an_expression_reads_is_not_unmapped_even_when_the_flow_fails_on_unmapped_fields(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE people (id integer, name text, doubled integer)");
        // 'amount' is read by the computed column, 'kind' by the filter; "amount_note" merely contains a read name.
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name,amount,kind,amount_note\n1,one,5,keep,x\n2,two,6,drop,y\n");
        ColumnMap[] columns = [.. IdName, new() { TargetColumn = "doubled", Type = ColumnType.Int, Expression = "to_int(amount) * 2" }];
        var flow = host.Flow(columns, provider, db.ConnectionString, "people") with { UnmappedFields = UnmappedFieldPolicy.Fail, Filter = "kind == 'keep'" };
        var log = new ListLog();

        var result = await host.Runner.RunAsync(flow, Context(log), Ct);

        var error = Assert.IsType<EtlDataException>(result.Error);
        Assert.Contains("'amount_note'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'amount'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'kind'", error.Message, StringComparison.Ordinal);

        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name,amount,kind\n1,one,5,keep\n2,two,6,drop\n");
        var loaded = await host.Runner.RunAsync(flow, Context(new ListLog()), Ct);
        Assert.True(loaded.Succeeded, loaded.Error?.ToString());
        Assert.Equal([["1", "one", "10"]], await RowsAsync(db, "SELECT id, name, doubled FROM people ORDER BY id"));
        Assert.Equal(1, loaded.RowsFiltered);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ignore_loads_the_mapped_fields_and_logs_a_field_a_later_header_gains_once(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE people (id integer, name text)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name\n1,one\n");
        await SeededFiles.WriteTextAsync(host.PathOf("b.csv"), "id,name,city\n2,two,Oslo\n");
        await SeededFiles.WriteTextAsync(host.PathOf("c.csv"), "id,city,name\n3,Rome,three\n");
        var log = new ListLog();

        var result = await host.Runner.RunAsync(host.Flow(IdName, provider, db.ConnectionString, "people"), Context(log), Ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal([["1", "one"], ["2", "two"], ["3", "three"]], await RowsAsync(db, "SELECT id, name FROM people ORDER BY id"));
        var drift = Assert.Single(log.Warnings);
        Assert.Contains("'city'", drift, StringComparison.Ordinal);
        Assert.Contains(host.PathOf("b.csv"), drift, StringComparison.Ordinal);
        Assert.Equal([drift], result.SchemaEvents);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Fail_fails_the_run_naming_the_fields_and_the_file_before_anything_is_loaded(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE people (id integer, name text)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name,city,zip\n1,one,Oslo,0150\n");
        var flow = host.Flow(IdName, provider, db.ConnectionString, "people") with { UnmappedFields = UnmappedFieldPolicy.Fail };
        var log = new ListLog();

        var result = await host.Runner.RunAsync(flow, Context(log), Ct);

        var error = Assert.IsType<EtlDataException>(result.Error);
        Assert.Contains("'city', 'zip'", error.Message, StringComparison.Ordinal);
        Assert.Equal(host.PathOf("a.csv"), error.Origin);
        Assert.Empty(await db.QueryAsync("SELECT * FROM people"));
        Assert.Contains(log.Warnings, w => w.Contains("'city', 'zip'", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AddColumns_adds_the_unmapped_fields_as_text_columns_and_logs_a_field_that_only_a_later_file_has(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE people (id integer, name text)");
        await db.ExecuteAsync("INSERT INTO people (id, name) VALUES (0, 'before')");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name,city\n1,one,Oslo\n");
        await SeededFiles.WriteTextAsync(host.PathOf("b.csv"), "id,name,city,zip\n2,two,,0150\n");
        var flow = host.Flow(IdName, provider, db.ConnectionString, "people") with { UnmappedFields = UnmappedFieldPolicy.AddColumns };
        var log = new ListLog();

        var result = await host.Runner.RunAsync(flow, Context(log), Ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Contains("city", Assert.Single(result.SchemaStatements), StringComparison.Ordinal);
        Assert.Equal([["0", "before", null], ["1", "one", "Oslo"], ["2", "two", null]], await RowsAsync(db, "SELECT id, name, city FROM people ORDER BY id"));
        Assert.Contains(log.Warnings, w => w.Contains("'zip'", StringComparison.Ordinal) && w.Contains(host.PathOf("b.csv"), StringComparison.Ordinal));
        Assert.Equal(3, (await db.QueryAsync("SELECT * FROM people")).Single(r => Equals(Convert.ToInt64(r[0], CultureInfo.InvariantCulture), 0L)).Length);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AddColumns_in_a_dry_run_adds_nothing_that_stays(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE people (id integer, name text)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name,city\n1,one,Oslo\n");
        var flow = host.Flow(IdName, provider, db.ConnectionString, "people") with { UnmappedFields = UnmappedFieldPolicy.AddColumns };

        var result = await host.Runner.DryRunAsync(flow, Context(new ListLog()), Ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(1, result.WouldInsert);
        Assert.Contains("city", Assert.Single(result.SchemaStatements), StringComparison.Ordinal);
        Assert.Contains(result.SchemaEvents, e => e.Contains("'city'", StringComparison.Ordinal));
        Assert.Equal(2, await ColumnCountAsync(db));
        Assert.Empty(await db.QueryAsync("SELECT * FROM people"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_mapped_field_a_later_header_drops_fails_the_run_and_is_logged_unless_the_column_is_optional(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE people (id integer, name text)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name\n1,one\n");
        await SeededFiles.WriteTextAsync(host.PathOf("b.csv"), "id\n2\n");
        var log = new ListLog();

        var failed = await host.Runner.RunAsync(host.Flow(IdName, provider, db.ConnectionString, "people") with { LoadParallelism = 1 }, Context(log), Ct);

        var error = Assert.IsType<EtlDataException>(failed.Error);
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
        Assert.Equal(host.PathOf("b.csv"), error.Origin);
        Assert.Contains(log.Warnings, w => w.Contains("'name'", StringComparison.Ordinal) && w.Contains(host.PathOf("b.csv"), StringComparison.Ordinal));

        await db.ExecuteAsync("DELETE FROM people");
        ColumnMap[] optional = [IdName[0], IdName[1] with { Optional = true }];
        var loaded = await host.Runner.RunAsync(host.Flow(optional, provider, db.ConnectionString, "people"), Context(new ListLog()), Ct);

        Assert.True(loaded.Succeeded, loaded.Error?.ToString());
        Assert.Equal([["1", "one"], ["2", null]], await RowsAsync(db, "SELECT id, name FROM people ORDER BY id"));
        Assert.Contains(loaded.SchemaEvents, e => e.Contains("'name'", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task JSON_fields_are_judged_at_the_end_of_the_document_and_AddColumns_takes_the_first_records_leaves(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE people (id integer, name text)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.json"), """
            [{"id": 1, "name": "one", "address": {"zip": "0150"}, "summary": "total(name)"},
             {"id": 2, "name": "two", "address": {"zip": "0151"}, "summary": "x", "city": "Oslo"}]
            """);
        var flow = host.Flow(IdName, provider, db.ConnectionString, "people", pattern: "*.json", parse: new ParseDefinition { Format = ParseFormat.Json });
        var ignoreLog = new ListLog();

        var ignored = await host.Runner.RunAsync(flow, Context(ignoreLog), Ct);

        Assert.True(ignored.Succeeded, ignored.Error?.ToString());
        var drift = Assert.Single(ignoreLog.Warnings);
        Assert.Contains("'address.zip', 'summary', 'city'", drift, StringComparison.Ordinal);
        Assert.DoesNotContain("'address'", drift, StringComparison.Ordinal);

        var added = await host.Runner.RunAsync(flow with { UnmappedFields = UnmappedFieldPolicy.AddColumns }, Context(new ListLog()), Ct);

        Assert.True(added.Succeeded, added.Error?.ToString());
        Assert.Equal(2, added.SchemaStatements.Count);
        Assert.Equal([["1", "0150", "total(name)"], ["2", "0151", "x"]],
            await RowsAsync(db, "SELECT id, \"address.zip\", summary FROM people WHERE \"address.zip\" IS NOT NULL ORDER BY id"));
        Assert.Contains(added.SchemaEvents, e => e.Contains("'city'", StringComparison.Ordinal) && e.Contains("not loaded", StringComparison.Ordinal));
    }

    private static async Task<int> ColumnCountAsync(TargetDatabase db)
    {
        await using var connection = db.Connect();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM people WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return reader.FieldCount;
    }
}
