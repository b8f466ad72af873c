using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Load modes through the real FlowRunner into real PostgreSQL and SQLite: a failed TruncateReplace keeps
/// exactly the old rows, Upsert keeps one row per key.</summary>
public sealed class LoadModeTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TruncateReplace_whose_second_file_is_broken_JSON_keeps_the_old_rows(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.json"), ItemsTable.Json(100, 160, "new"));
        await SeededFiles.WriteTextAsync(host.PathOf("b.json"), """[{"id": 500, "name": "fine", "qty": 1}, {"id": 501, "name": "cut off""");
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, "*.json",
            new ParseDefinition { Format = ParseFormat.Json }, LoadMode.TruncateReplace);

        var result = await host.RunAsync(flow);

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Contains(host.PathOf("b.json"), error.Message, StringComparison.Ordinal);
        Assert.True(result.RowsRead > 61, $"the first file's batches were written before the failure (read {result.RowsRead})");
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TruncateReplace_whose_second_file_has_an_unclosed_quote_keeps_the_old_rows(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(100, 160, "new"));
        await SeededFiles.WriteTextAsync(host.PathOf("b.csv"), "id,name,qty\n200,fine,1\n201,\"never closed,2\n202,x,3\n");
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, mode: LoadMode.TruncateReplace);

        var result = await host.RunAsync(flow);

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal(host.PathOf("b.csv"), error.Origin);
        Assert.Equal(2, error.Record);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Crossing_the_reject_threshold_fails_the_run_and_TruncateReplace_keeps_the_old_rows(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        var csv = ItemsTable.Csv(100, 130, "new").Replace("\n110,", "\nten,", StringComparison.Ordinal)
            .Replace(",240\n", ",many\n", StringComparison.Ordinal).Replace("\n125,", "\n1.5,", StringComparison.Ordinal);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), csv);
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, mode: LoadMode.TruncateReplace)
            with { RejectThreshold = new RejectThreshold(2, null) };
        var rejects = new ListRejects();

        var result = await host.RunAsync(flow, rejects);

        Assert.False(result.Succeeded);
        Assert.IsType<RejectThresholdExceededException>(result.Error);
        Assert.Equal(3, rejects.Rows.Count);
        Assert.Equal(new RejectedRow(host.PathOf("a.csv"), 11, "id", "ten", "not a valid Int (32-bit integer)"), rejects.Rows[0]);
        Assert.Equal((host.PathOf("a.csv"), 21L, "qty", "many"), (rejects.Rows[1].Origin, rejects.Rows[1].RowNumber, rejects.Rows[1].Column, rejects.Rows[1].Value));
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TruncateReplace_that_succeeds_holds_exactly_the_new_rows(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(2, 40, "new"));
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, mode: LoadMode.TruncateReplace);

        var result = await host.RunAsync(flow);

        Assert.True(result.Succeeded, result.Error?.ToString());
        var expected = Enumerable.Range(2, 39).Select(i => new object?[] { i, $"new {i}, quoted", i * 2 });
        Assert.Equal(ItemsTable.Expected(expected), await ItemsTable.ReadAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upsert_run_twice_leaves_one_row_per_key_with_the_latest_values(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, mode: LoadMode.Upsert, keys: ["id"]);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(2, 20, "first"));
        var first = await host.RunAsync(flow);
        // The second run repeats keys across its batches and within a batch (id 12 twice in a row): the last one wins.
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(10, 30, "second") + "12,twelve again,99\n15,\"fifteen, last\",\n");

        var second = await host.RunAsync(flow);

        Assert.True(first.Succeeded, first.Error?.ToString());
        Assert.True(second.Succeeded, second.Error?.ToString());
        Assert.Equal((23L, 23L), (second.RowsRead, second.RowsWritten));
        var expected = new List<object?[]> { new object?[] { 1, "old one", 10 } };
        expected.AddRange(Enumerable.Range(2, 8).Select(i => new object?[] { i, $"first {i}, quoted", i * 2 }));
        expected.AddRange(Enumerable.Range(10, 21).Select(i => i switch
        {
            12 => new object?[] { 12, "twelve again", 99 },
            15 => new object?[] { 15, "fifteen, last", null },
            _ => new object?[] { i, $"second {i}, quoted", i * 2 },
        }));
        Assert.Equal(ItemsTable.Expected(expected), await ItemsTable.ReadAsync(db));
    }
}
