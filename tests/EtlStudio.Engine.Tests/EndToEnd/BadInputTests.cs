using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Bad local input through the whole engine: the run fails (or rejects the row) with a message that names the
/// file, and the table is untouched.</summary>
public sealed class BadInputTests(PostgresServer postgres)
{
    private async Task<(FlowRunResult Result, TargetDatabase Db)> RunAsync(EngineHost host, string pattern, ParseDefinition? parse = null, ListRejects? rejects = null)
    {
        var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, pattern, parse, LoadMode.TruncateReplace);
        return (await host.RunAsync(flow, rejects), db);
    }

    [Fact]
    public async Task A_missing_file_fails_the_run_naming_the_file_and_folder()
    {
        await using var host = new EngineHost();
        var (result, db) = await RunAsync(host, "orders-2026-11-25.csv");
        await using var _ = db;

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Contains("orders-2026-11-25.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(host.Input, error.Message, StringComparison.Ordinal);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    [Theory]
    [InlineData("empty.csv", "", ParseFormat.Csv)]
    [InlineData("blank.json", "  \n", ParseFormat.Json)]
    public async Task An_empty_file_fails_the_run_naming_the_file(string file, string content, ParseFormat format)
    {
        await using var host = new EngineHost();
        await SeededFiles.WriteTextAsync(host.PathOf("a-good." + file.Split('.')[1]), format == ParseFormat.Csv ? ItemsTable.Csv(5, 9, "x") : ItemsTable.Json(5, 9, "x"));
        await SeededFiles.WriteTextAsync(host.PathOf(file), content);
        var (result, db) = await RunAsync(host, "*." + file.Split('.')[1], new ParseDefinition { Format = format, JsonLayout = JsonLayout.Array });
        await using var _ = db;

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal(host.PathOf(file), error.Origin);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    [Fact]
    public async Task A_missing_folder_fails_the_run_naming_the_folder()
    {
        await using var host = new EngineHost();
        Directory.Delete(host.Input);
        Directory.CreateDirectory(host.Input + "-other");
        try
        {
            var (result, db) = await RunAsync(host, "*.csv");
            await using var _ = db;

            var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
            Assert.Contains(host.Input, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.CreateDirectory(host.Input);
            Directory.Delete(host.Input + "-other");
        }
    }

    [Fact]
    public async Task Malformed_rows_are_rejected_naming_file_row_field_and_raw_record_and_the_rest_loads()
    {
        await using var host = new EngineHost();
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "id,name,qty\n1,one,1\n2,\"two\",2,extra\n3,th\"ree,3\n4,four,4.5\n5,five,5\n");
        var rejects = new ListRejects();
        var (result, db) = await RunAsync(host, "*.csv", rejects: rejects);
        await using var _ = db;

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((5L, 2L, 3L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        var file = host.PathOf("a.csv");
        Assert.Equal(
        [
            (file, 2L, (string?)null, "2,\"two\",2,extra"),
            (file, 3L, "field 2", "3,th\"ree,3"),
            (file, 4L, "qty", "4.5"),
        ], rejects.Rows.Select(r => (r.Origin, r.RowNumber, r.Column, r.Value)));
        Assert.Contains("field count", rejects.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Contains("quote", rejects.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Equal(ItemsTable.Expected([[1, "one", 1], [5, "five", 5]]), await ItemsTable.ReadAsync(db));
    }

    [Fact]
    public async Task Bad_ndjson_lines_are_rejected_with_their_text_and_a_long_one_is_cut()
    {
        await using var host = new EngineHost();
        var longLine = "{\"id\": 3, \"name\": \"" + new string('x', 300);
        await SeededFiles.WriteTextAsync(host.PathOf("a.ndjson"),
            "{\"id\": 1, \"name\": \"one\", \"qty\": 1}\n{\"id\": 2, oops}\n[4, 5]\n" + longLine + "\n{\"id\": 5, \"name\": \"five\", \"qty\": 5}\n");
        var rejects = new ListRejects();
        var (result, db) = await RunAsync(host, "*.ndjson", new ParseDefinition { Format = ParseFormat.Json, JsonLayout = JsonLayout.Ndjson }, rejects);
        await using var _ = db;

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(
        [
            (2L, "{\"id\": 2, oops}"),
            (3L, "[4, 5]"),
            (4L, longLine[..200] + "…"),
        ], rejects.Rows.Select(r => (r.RowNumber, r.Value)));
        Assert.All(rejects.Rows, r => Assert.Null(r.Column));
        Assert.Contains("not an object", rejects.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Equal(ItemsTable.Expected([[1, "one", 1], [5, "five", 5]]), await ItemsTable.ReadAsync(db));
    }
}
