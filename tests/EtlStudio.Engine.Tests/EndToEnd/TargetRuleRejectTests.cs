using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>A value the destination table cannot hold (NUL in PostgreSQL text, too long for varchar(n), null into NOT
/// NULL, beyond numeric(p,s)) is a located reject of its row: the other rows load and the run succeeds.</summary>
public sealed class TargetRuleRejectTests(PostgresServer postgres)
{
    private static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int },
        new() { SourceField = "name", TargetColumn = "name" },
        new() { SourceField = "amount", TargetColumn = "amount", Type = ColumnType.Decimal },
    ];

    /// <summary>Ten records; record 4 (id 4) carries <paramref name="bad"/> as its whole CSV line.</summary>
    private static string Csv(string bad) =>
        "id,name,amount\n" + string.Concat(Enumerable.Range(1, 10).Select(i => (i == 4 ? bad : $"{i},n{i},{i}.5") + "\n"));

    public static TheoryData<string, string, string, string?, string> PostgresCases => new()
    {
        { "name text", "4,a\0b,4.5", "name", "a\\u0000b", "text contains a NUL character (U+0000), which PostgreSQL text cannot store" },
        { "name varchar(10)", "4,abcdefghijkl,4.5", "name", "abcdefghijkl", "value is 12 characters, column name is varchar(10)" },
        { "name text, amount numeric(8,2) NOT NULL", "4,n4,", "amount", null, "column amount is NOT NULL" },
        { "name text NOT NULL DEFAULT 'none'", "4,\"\",4.5", "name", null, "column name is NOT NULL" },
        { "name text, amount numeric(5,2)", "4,n4,12345.678", "amount", "12345.678", "12345.678 does not fit numeric(5,2)" },
    };

    [Theory]
    [MemberData(nameof(PostgresCases))]
    public async Task A_value_PostgreSQL_would_refuse_is_a_located_reject_and_the_other_nine_rows_load(
        string columns, string bad, string column, string? value, string reason)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        var amount = columns.Contains("amount", StringComparison.Ordinal) ? "" : ", amount numeric(8,2)";
        await db.ExecuteAsync($"CREATE TABLE items (id int4 NOT NULL, {columns}{amount})");
        await SeededFiles.WriteTextAsync(host.PathOf("items.csv"), Csv(bad));

        var (result, rejects) = await RunAsync(host, host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, "items"));

        AssertOneRejectAndNineRows(host, result, rejects, column, value, reason, await IdsAsync(db));
    }

    [Fact]
    public async Task An_empty_value_into_a_SQLite_NOT_NULL_column_is_a_located_reject_while_a_null_rowid_alias_is_numbered()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await db.ExecuteAsync("CREATE TABLE items (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, amount NUMERIC)");
        // Record 4 has no name; record 7 has no id, which SQLite fills with a new rowid, NOT NULL or not.
        var csv = Csv("4,,4.5").Replace("\n7,n7,", "\n,n7,", StringComparison.Ordinal);
        await SeededFiles.WriteTextAsync(host.PathOf("items.csv"), csv);

        var (result, rejects) = await RunAsync(host, host.Flow(Columns, DatabaseProvider.Sqlite, db.ConnectionString, "items"));

        var names = (await db.QueryAsync("SELECT name FROM items ORDER BY name")).Select(r => (string)r[0]!);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(new RejectedRow(host.PathOf("items.csv"), 4, "name", null, "column name is NOT NULL"), Assert.Single(rejects.Rows));
        Assert.Equal((10L, 9L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        Assert.Equal(Enumerable.Range(1, 10).Where(i => i != 4).Select(i => $"n{i}").Order(StringComparer.Ordinal), names);
    }

    private static async Task<(FlowRunResult Result, ListRejects Rejects)> RunAsync(EngineHost host, FlowDefinition flow)
    {
        var rejects = new ListRejects();
        return (await host.RunAsync(flow, rejects), rejects);
    }

    private static async Task<List<int>> IdsAsync(TargetDatabase db) =>
        [.. (await db.QueryAsync("SELECT id FROM items ORDER BY id")).Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture))];

    private static void AssertOneRejectAndNineRows(EngineHost host, FlowRunResult result, ListRejects rejects, string column, string? value, string reason, List<int> ids)
    {
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(new RejectedRow(host.PathOf("items.csv"), 4, column, value, reason), Assert.Single(rejects.Rows));
        Assert.Equal((10L, 9L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        Assert.Equal(result.RowsRead, result.RowsWritten + result.RowsRejected);
        Assert.Equal([1, 2, 3, 5, 6, 7, 8, 9, 10], ids);
    }
}
