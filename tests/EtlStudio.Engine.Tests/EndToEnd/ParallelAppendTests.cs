using System.Globalization;
using System.Text.Json;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Load lanes against real PostgreSQL: an Append on two sessions at once loads every row exactly once, a row
/// the database refuses is a reject while the rest loads, a load that breaks stages whole and its resume loads only what
/// did not commit, and an Upsert keeps one session.</summary>
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
    public async Task A_check_violation_in_a_middle_batch_is_a_located_reject_and_every_other_row_loads_once()
    {
        WatchedLoaders? loaders = null;
        await using var host = new EngineHost(inner => loaders = new WatchedLoaders(inner, overlap: 2));
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync(Table);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), CsvWithNegativeQtyAt(17));
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with { LoadParallelism = 2, StagingEnabled = false };
        var rejects = new ListRejects();

        var result = await host.Runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid(), Rejects = rejects }, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ToString());
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal((host.PathOf("a.csv"), 17L), (reject.Origin, reject.RowNumber));
        Assert.Contains("items_qty_check", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(2, loaders!.Sessions);
        Assert.Equal(((long)Rows, Rows - 1L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        Assert.Equal((Rows - 1, Rows - 1, SumOfIds - 17), await TotalsAsync(db));
    }

    [Fact]
    public async Task A_parallel_load_that_breaks_stages_every_row_once_and_its_resume_from_staging_loads_only_what_did_not_commit()
    {
        await using var host = new EngineHost(inner => new WatchedLoaders(inner, overlap: 2));
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync(Table);
        // Not a row the database refuses for its data (that would be a reject) but the load itself breaking.
        await db.ExecuteAsync(
            $"CREATE FUNCTION break_at_1700() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = 1700 THEN RAISE EXCEPTION 'the load broke'; END IF; RETURN NEW; END $$;" +
            $"CREATE TRIGGER break_at_1700 BEFORE INSERT ON {ItemsTable.Name} FOR EACH ROW EXECUTE FUNCTION break_at_1700()");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(1, Rows, "new"));
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with { LoadParallelism = 2 };
        var runId = Guid.NewGuid();

        var run = await RunAsync(host, flow, runId);

        Assert.False(run.Succeeded, $"{run.RowsRead} read, {run.RowsWritten} written, {run.RowsRejected} rejected, {(await TotalsAsync(db)).Count} in the table");
        Assert.Contains("the load broke", Assert.IsType<EtlDataException>(run.Error).Message, StringComparison.Ordinal);
        Assert.Equal(Rows, run.RowsRead);
        var staged = await File.ReadAllLinesAsync(Path.Combine(host.StagingFolder, runId.ToString(), "mapped.ndjson"), TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, Rows), staged[1..^1].Where(line => line.StartsWith('[')).Select(line => JsonDocument.Parse(line).RootElement[0].GetInt32()));
        var committed = (await TotalsAsync(db)).Count;
        Assert.InRange(committed, 1, Rows - 1);
        await db.ExecuteAsync($"DROP TRIGGER break_at_1700 ON {ItemsTable.Name}");
        // The source is gone: the resume can only come from the staged rows, which name their source records.
        File.Delete(host.PathOf("a.csv"));

        var resume = await host.Runner.ResumeAsync(flow, runId, new FlowRunContext { RunId = Guid.NewGuid(), LoadId = runId }, TestContext.Current.CancellationToken);

        Assert.True(resume.Succeeded, resume.Error?.ToString());
        Assert.Equal((committed, Rows - committed), (resume.RowsCommittedBefore, resume.RowsWritten));
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
