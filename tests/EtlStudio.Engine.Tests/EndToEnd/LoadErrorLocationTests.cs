using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>A row the database refuses fails the run with an error that reads like a reject: the source file, the
/// record, the column and the value — not a position in an internal batch.</summary>
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

    [Fact]
    public async Task A_value_too_long_for_varchar_5_names_file_record_column_and_the_value_cut_short()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        // A plain varchar(5) is checked before loading (the row is rejected); a domain's own length is left to the server.
        await db.ExecuteAsync("CREATE DOMAIN short_name AS varchar(5); CREATE TABLE items (id integer, name short_name, qty integer)");
        var tooLong = string.Concat(Enumerable.Repeat("abcdefghij", 6));
        await SeededFiles.WriteTextAsync(host.PathOf("orders.csv"), Csv(1, 5, i => i == 3 ? $"3,{tooLong},3" : $"{i},n{i},{i}"));

        var result = await host.RunAsync(host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, "items"));

        var error = Assert.IsType<EtlDataException>(result.Error);
        Assert.Equal((host.PathOf("orders.csv"), 3L, "name", tooLong), (error.Origin, error.Record, error.Column, error.Value));
        Assert.StartsWith(
            $"{host.PathOf("orders.csv")}, record 3, column 'name', value '{tooLong[..50]}…': value too long for type character varying(5)",
            error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(tooLong, error.Message, StringComparison.Ordinal);
        Assert.Contains("'items'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_check_violation_in_a_later_batch_names_the_file_and_record_it_came_from(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE items (id integer, name text, qty integer CHECK (qty >= 0))");
        // Batches of 7 span both files: the bad row is record 4 of b.csv, in the second batch.
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), Csv(1, 5));
        await SeededFiles.WriteTextAsync(host.PathOf("b.csv"), Csv(6, 20, i => i == 9 ? "9,n9,-1" : $"{i},n{i},{i}"));

        var result = await host.RunAsync(host.Flow(Columns, provider, db.ConnectionString, "items") with { LoadParallelism = 1 });

        var error = Assert.IsType<EtlDataException>(result.Error);
        Assert.Equal((host.PathOf("b.csv"), 4L), (error.Origin, error.Record));
        Assert.StartsWith($"{host.PathOf("b.csv")}, record 4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("check", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(7L, Convert.ToInt64((await db.QueryAsync("SELECT count(*) FROM items"))[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_upsert_row_without_its_key_names_the_record_and_key_column(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        // A nullable key under a unique index: a NOT NULL key column would reject the row before it reached the loader.
        await db.ExecuteAsync("CREATE TABLE items (id integer, name text, qty integer)");
        await db.ExecuteAsync("CREATE UNIQUE INDEX items_id ON items (id)");
        await SeededFiles.WriteTextAsync(host.PathOf("keys.csv"), Csv(1, 4, i => i == 2 ? ",nameless,2" : $"{i},n{i},{i}"));

        var result = await host.RunAsync(host.Flow(Columns, provider, db.ConnectionString, "items", mode: LoadMode.Upsert, keys: ["id"]));

        var error = Assert.IsType<EtlDataException>(result.Error);
        Assert.Equal((host.PathOf("keys.csv"), 2L, "id"), (error.Origin, error.Record, error.Column));
        Assert.Contains("key column is null", error.Message, StringComparison.Ordinal);
    }
}
