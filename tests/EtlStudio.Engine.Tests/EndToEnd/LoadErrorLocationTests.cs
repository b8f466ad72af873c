using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>A row the database refuses is a reject that names the source file, the record, the column and the value —
/// not a position in an internal batch — and the other rows load: the refused batch is split until the row is found.</summary>
public sealed class LoadErrorLocationTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int },
        new() { SourceField = "name", TargetColumn = "name" },
        new() { SourceField = "qty", TargetColumn = "qty", Type = ColumnType.Int },
    ];

    private static string Csv(int from, int to, Func<int, string>? line = null) =>
        "id,name,qty\n" + string.Concat(Enumerable.Range(from, to - from + 1).Select(i => (line?.Invoke(i) ?? $"{i},n{i},{i}") + "\n"));

    private static long Count(IReadOnlyList<object?[]> rows) => Convert.ToInt64(rows[0][0], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_value_too_long_for_varchar_5_is_a_reject_naming_file_record_column_and_value_and_the_rest_loads()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        // A plain varchar(5) is checked before loading (the row is rejected); a domain's own length is left to the server.
        await db.ExecuteAsync("CREATE DOMAIN short_name AS varchar(5); CREATE TABLE items (id integer, name short_name, qty integer)");
        var tooLong = string.Concat(Enumerable.Repeat("abcdefghij", 6));
        await SeededFiles.WriteTextAsync(host.PathOf("orders.csv"), Csv(1, 5, i => i == 3 ? $"3,{tooLong},3" : $"{i},n{i},{i}"));

        var rejects = new ListRejects();
        var result = await host.RunAsync(host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, "items"), rejects);

        Assert.True(result.Succeeded, result.Error?.Message);
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal((host.PathOf("orders.csv"), 3L, "name", tooLong), (reject.Origin, reject.RowNumber, reject.Column, reject.Value));
        Assert.Contains("too long", reject.Reason, StringComparison.Ordinal);
        Assert.Equal((5L, 4L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        Assert.Equal(4L, Count(await db.QueryAsync("SELECT count(*) FROM items")));
        Assert.Contains("'items'", reject.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_check_violation_in_a_later_batch_is_a_reject_naming_the_file_and_record_and_every_other_row_loads(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE items (id integer, name text, qty integer CHECK (qty >= 0))");
        // Batches of 7 span both files: the bad row is record 4 of b.csv, in the second batch.
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), Csv(1, 5));
        await SeededFiles.WriteTextAsync(host.PathOf("b.csv"), Csv(6, 20, i => i == 9 ? "9,n9,-1" : $"{i},n{i},{i}"));

        var rejects = new ListRejects();
        var result = await host.RunAsync(host.Flow(Columns, provider, db.ConnectionString, "items") with { LoadParallelism = 1 }, rejects);

        Assert.True(result.Succeeded, result.Error?.Message);
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal((host.PathOf("b.csv"), 4L), (reject.Origin, reject.RowNumber));
        Assert.Contains("check", reject.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((20L, 19L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        Assert.Equal(19L, Count(await db.QueryAsync("SELECT count(*) FROM items")));
        Assert.Empty(await db.QueryAsync("SELECT id FROM items WHERE id = 9"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_upsert_row_without_its_key_is_a_reject_naming_the_record_and_key_column(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        // A nullable key under a unique index: a NOT NULL key column would reject the row before it reached the loader.
        await db.ExecuteAsync("CREATE TABLE items (id integer, name text, qty integer)");
        await db.ExecuteAsync("CREATE UNIQUE INDEX items_id ON items (id)");
        await SeededFiles.WriteTextAsync(host.PathOf("keys.csv"), Csv(1, 4, i => i == 2 ? ",nameless,2" : $"{i},n{i},{i}"));

        var rejects = new ListRejects();
        var result = await host.RunAsync(host.Flow(Columns, provider, db.ConnectionString, "items", mode: LoadMode.Upsert, keys: ["id"]), rejects);

        Assert.True(result.Succeeded, result.Error?.Message);
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal((host.PathOf("keys.csv"), 2L, "id"), (reject.Origin, reject.RowNumber, reject.Column));
        Assert.Contains("key column is null", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(3L, Count(await db.QueryAsync("SELECT count(*) FROM items")));
    }
}
