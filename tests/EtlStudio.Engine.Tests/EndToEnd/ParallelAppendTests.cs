using System.Globalization;
using System.Text.Json;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Load lanes against real PostgreSQL: an Append on two sessions at once loads every row exactly once, a
/// failing batch fails the run with its own error, staging stays whole, and an Upsert keeps one session.</summary>
public sealed class ParallelAppendTests(PostgresServer postgres)
{
    private const int Rows = 3000;
    private const long SumOfIds = Rows * (Rows + 1L) / 2;

    // No primary key: a row loaded twice would show.
    private const string Table = $"CREATE TABLE {ItemsTable.Name} (id INTEGER NOT NULL, name TEXT, qty INTEGER CHECK (qty >= 0))";

    private static string CsvWithNegativeQtyAt(int id) =>
        ItemsTable.Csv(1, Rows, "new").Replace($"\n{id},\"new {id}, quoted\",{id * 2}\n", $"\n{id},\"new {id}, quoted\",-1\n", StringComparison.Ordinal);

    private static async Task<(long Count, long Distinct, long Sum)> TotalsAsync(TargetDatabase db)
    {
        var row = (await db.QueryAsync($"SELECT count(*), count(DISTINCT id), coalesce(sum(id), 0) FROM {ItemsTable.Name}"))[0];
        return (Convert.ToInt64(row[0], CultureInfo.InvariantCulture), Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
    }

    private static Task<FlowRunResult> RunAsync(EngineHost host, FlowDefinition flow, Guid runId) =>
        host.Runner.RunAsync(flow, new FlowRunContext { RunId = runId }, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Append_with_two_lanes_loads_every_row_exactly_once()
    {
        WatchedLoaders? loaders = null;
        await using var host = new EngineHost(inner => loaders = new WatchedLoaders(inner, overlap: 2));
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync(Table);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(1, Rows, "new"));
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with { LoadParallelism = 2 };

        var result = await RunAsync(host, flow, Guid.NewGuid());

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(2, loaders!.Sessions);
        Assert.Equal(((long)Rows, (long)Rows, 0L), (result.RowsWritten, result.RowsInserted, result.RowsUpdated));
        Assert.Equal((Rows, Rows, SumOfIds), await TotalsAsync(db));
        Assert.Contains((17L, "new 17, quoted", (long?)34), await ItemsTable.ReadAsync(db));
    }

    [Fact]
    public async Task A_check_violation_in_a_middle_batch_fails_the_run_with_that_error_and_commits_only_whole_other_batches()
    {
        WatchedLoaders? loaders = null;
        await using var host = new EngineHost(inner => loaders = new WatchedLoaders(inner, overlap: 2));
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync(Table);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), CsvWithNegativeQtyAt(17));
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with { LoadParallelism = 2, StagingEnabled = false };

        var result = await RunAsync(host, flow, Guid.NewGuid());

        Assert.False(result.Succeeded);
        var error = Assert.IsType<EtlDataException>(result.Error);
        Assert.Contains("items_qty_check", error.Message, StringComparison.Ordinal);
        Assert.Equal((host.PathOf("a.csv"), 17L), (error.Origin, error.Record));
        Assert.Equal(2, loaders!.Sessions);
        var loaded = (await ItemsTable.ReadAsync(db)).Select(r => r.Id).ToList();
        // Batches of 7 commit whole: the failing one (ids 15-21) left nothing, and no other batch is cut.
        Assert.DoesNotContain(loaded, id => id is >= 15 and <= 21);
        Assert.All(loaded.GroupBy(id => (id - 1) / 7), batch => Assert.Equal(7, batch.Count()));
        Assert.True(loaded.Count < Rows, "the failure stopped the load");
    }

    [Fact]
    public async Task With_staging_on_a_failed_parallel_load_stages_every_row_once_and_the_replay_loads_them()
    {
        await using var host = new EngineHost(inner => new WatchedLoaders(inner, overlap: 2));
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync(Table);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), CsvWithNegativeQtyAt(17));
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with { LoadParallelism = 2 };
        var runId = Guid.NewGuid();

        var run = await RunAsync(host, flow, runId);

        Assert.IsType<EtlDataException>(run.Error);
        Assert.Equal(Rows, run.RowsRead);
        var staged = await File.ReadAllLinesAsync(Path.Combine(host.StagingFolder, runId.ToString(), "mapped.ndjson"), TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, Rows), staged[1..^1].Select(line => JsonDocument.Parse(line).RootElement[0].GetInt32()));
        await db.ExecuteAsync($"ALTER TABLE {ItemsTable.Name} DROP CONSTRAINT items_qty_check; TRUNCATE {ItemsTable.Name}");
        var replay = await host.Runner.ReplayLoadAsync(flow, runId, new FlowRunContext { RunId = Guid.NewGuid() }, TestContext.Current.CancellationToken);
        Assert.True(replay.Succeeded, replay.Error?.ToString());
        Assert.Equal((Rows, Rows, SumOfIds), await TotalsAsync(db));
    }

    [Fact]
    public async Task Upsert_with_parallelism_2_keeps_one_session_and_the_last_row_of_a_key_wins()
    {
        WatchedLoaders? loaders = null;
        await using var host = new EngineHost(inner => loaders = new WatchedLoaders(inner));
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        // Every key comes twice, 100 rows (15 batches) apart.
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(1, 100, "first") + ItemsTable.Csv(1, 100, "last")["id,name,qty\n".Length..]);
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, mode: LoadMode.Upsert, keys: ["id"])
            with { LoadParallelism = 2 };

        var result = await RunAsync(host, flow, Guid.NewGuid());

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(1, loaders!.Sessions);
        Assert.Equal((97L, 103L), (result.RowsInserted, result.RowsUpdated));
        Assert.Equal(ItemsTable.Expected(Enumerable.Range(1, 100).Select(i => new object?[] { i, $"last {i}, quoted", i * 2 })), await ItemsTable.ReadAsync(db));
    }
}
