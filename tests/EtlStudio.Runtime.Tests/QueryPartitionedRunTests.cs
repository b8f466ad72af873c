using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EtlStudio.Runtime.Tests;

/// <summary>Flows whose database query is split into ranges of a partition column and loaded as partitions: on SQLite in
/// one instance (declared bounds, a failed range resumed), and on PostgreSQL over two app instances (bounds read as
/// MIN/MAX).</summary>
public sealed class QueryPartitionedRunTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>1000 events with partition values from -50 to 1048 in steps of 11 (outside the declared bounds 0 to 1000 at
    /// both ends) and every 25th one NULL.</summary>
    private static async Task<(Flow Flow, string Source, string Destination)> SqliteFlowAsync(RuntimeApp app, string targetDdl = "CREATE TABLE target (id INTEGER, name TEXT)",
        long? rejectLimit = null)
    {
        var group = await TestData.GroupAsync(app);
        var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name, part FROM events;", f =>
        {
            f.PartitionColumn = "part";
            f.PartitionLowerBound = "0";
            f.PartitionUpperBound = "1000";
            f.PartitionCount = 4;
            f.StagingEnabled = false;
            f.RejectThresholdCount = rejectLimit;
        }, targetDdl);
        await Sqlite.ExecAsync(source, """
            ALTER TABLE events ADD COLUMN part INTEGER;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
            INSERT INTO events SELECT i, 'e' || i, CASE WHEN i % 25 = 0 THEN NULL ELSE -50 + (i % 100) * 11 END FROM n;
            """);
        return (flow, source, destination);
    }

    private static async Task<List<RunPartition>> PartitionsAsync(RuntimeApp app, Guid runId)
    {
        await using var db = await app.DbAsync();
        return await db.RunPartitions.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Index).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_SQLite_query_run_as_four_ranges_loads_every_row_once_nulls_and_values_outside_the_bounds_included()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var (flow, _, destination) = await SqliteFlowAsync(app);

        var runId = await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        var run = await app.WaitForEndAsync(runId, seconds: 60);

        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
        Assert.Equal((1000L, 1000L, 4), (run.RowsRead, run.RowsWritten, run.Partitions));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), (await Sqlite.RowsAsync(destination)).Select(r => r.Id));
        var partitions = await PartitionsAsync(app, runId);
        Assert.Equal(
            ["""{"column":"part","kind":"Integer","lower":null,"upper":"250"}""", """{"column":"part","kind":"Integer","lower":"250","upper":"500"}""",
                """{"column":"part","kind":"Integer","lower":"500","upper":"750"}""", """{"column":"part","kind":"Integer","lower":"750","upper":null}"""],
            partitions.Select(p => p.Range));
        // The first range holds the 40 NULLs and the values below 0; the last the values from 750 up to 1039.
        Assert.Equal(1000, partitions.Sum(p => p.RowsWritten));
        Assert.Contains(await app.RunLogAsync(runId), line => line.Contains("query split on part into 4 ranges (declared bounds 0 to 1000)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_range_is_resumed_as_a_partition_of_the_same_range_and_the_committed_ranges_are_not_loaded_again()
    {
        await using var app = await RuntimeApp.CreateAsync();
        // Row 777 (part -50 + 77·11 = 797: the last range) is refused until the trigger goes; no reject is allowed, so its
        // partition fails.
        var (flow, _, destination) = await SqliteFlowAsync(app, """
            CREATE TABLE target (id INTEGER, name TEXT);
            CREATE TRIGGER no777 BEFORE INSERT ON target WHEN NEW.id = 777 BEGIN SELECT RAISE(ABORT, 'row 777 refused'); END;
            """, rejectLimit: 0);
        var launcher = app.Get<IRunLauncher>();

        var failed = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct), seconds: 60);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Contains("1 of 4 partitions failed; partition 4 (part >= 750)", failed.Error, StringComparison.Ordinal);
        var loadedBefore = (await Sqlite.RowsAsync(destination)).Count;
        Assert.Equal(failed.RowsWritten, loadedBefore);
        await Sqlite.ExecAsync(destination, "DROP TRIGGER no777");

        var resumed = await app.WaitForEndAsync(await launcher.ResumeAsync(failed.Id, Ct), seconds: 60);

        Assert.True(resumed.Status == RunStatus.Succeeded, $"{resumed.Status}: {resumed.Error}");
        var partition = Assert.Single(await PartitionsAsync(app, resumed.Id));
        Assert.Equal("""{"column":"part","kind":"Integer","lower":"750","upper":null}""", partition.Range);
        // The last range holds 260 rows (the first three 740): what the failed run committed of it before row 777 is
        // skipped, found by the ledger key of the same range; only the rest is written.
        Assert.Equal((260L, 1000L - loadedBefore, loadedBefore - 740L), (resumed.RowsRead, resumed.RowsWritten, resumed.RowsSkipped));
        Assert.True(loadedBefore > 740, $"{loadedBefore} rows loaded: the failed range committed nothing, so no skip was tested");
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), (await Sqlite.RowsAsync(destination)).Select(r => r.Id));
    }

    [Fact]
    public async Task A_partitioned_query_whose_column_cannot_be_split_fails_the_run_naming_the_column()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var (flow, _, destination) = await SqliteFlowAsync(app);
        await using (var db = await app.DbAsync())
        {
            await db.Flows.Where(f => f.Id == flow.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.PartitionColumn, "name")
                .SetProperty(f => f.PartitionLowerBound, (string?)null).SetProperty(f => f.PartitionUpperBound, (string?)null), Ct);
        }

        var run = await app.WaitForEndAsync(await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct), seconds: 60);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("partition column 'name' holds", run.Error, StringComparison.Ordinal);
        Assert.Empty(await Sqlite.RowsAsync(destination));
    }

    [Fact]
    public async Task A_PostgreSQL_query_is_loaded_by_both_instances_every_row_once_under_one_run_record_with_the_totals()
    {
        const int rows = 60_000;
        var database = await postgres.CreateDatabaseAsync("qpart");
        await using var first = await RuntimeApp.CreateAsync(postgres: database);
        await using var second = await RuntimeApp.CreateAsync(postgres: database);
        var source = await postgres.CreateDatabaseAsync("qsrc");
        var destination = await postgres.CreateDatabaseAsync("qdst");
        // id: skewed (half the rows below 1000), every 97th NULL; k: the row's key.
        await ExecAsync(source, $"""
            CREATE TABLE src (k bigint PRIMARY KEY, id bigint, name text);
            INSERT INTO src SELECT g, CASE WHEN g % 97 = 0 THEN NULL WHEN g % 2 = 0 THEN g % 1000 ELSE g * 10 END, 'n' || g FROM generate_series(1, {rows}) g;
            """);
        await ExecAsync(destination, """
            CREATE TABLE target (k bigint, name text);
            CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.5); RETURN NULL; END $$;
            CREATE TRIGGER slow AFTER INSERT ON target FOR EACH STATEMENT EXECUTE FUNCTION slow();
            """);
        var group = await TestData.GroupAsync(first);
        var from = await TestData.ConnectionAsync(first, Settings(source));
        var into = await TestData.ConnectionAsync(first, Settings(destination));
        Flow flow;
        await using (var db = await first.DbAsync())
        {
            flow = new Flow
            {
                GroupId = group.Id, Name = $"f-{Guid.NewGuid():N}"[..12], SourceConnectionId = from.Id, SourceQuery = "SELECT k, id, name FROM src",
                PartitionColumn = "id", PartitionCount = 8, PartitionsInFlight = 4, DestinationConnectionId = into.Id, DestinationTable = "target",
                LoadParallelism = 1, StagingEnabled = false, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
                Columns = [new ColumnMapping { Order = 0, SourceField = "k", TargetColumn = "k", TargetType = ColumnType.Long },
                    new ColumnMapping { Order = 1, SourceField = "name", TargetColumn = "name", TargetType = ColumnType.String }],
            };
            db.Flows.Add(flow);
            await db.SaveChangesAsync(Ct);
        }

        var runId = await first.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        var run = await first.WaitForEndAsync(runId, seconds: 240);

        var partitions = await PartitionsAsync(first, runId);
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
        Assert.Equal((rows, rows, 0L, 8), (run.RowsRead, run.RowsWritten, run.RowsRejected, run.Partitions));
        Assert.Equal(8, partitions.Count);
        Assert.All(partitions, p => Assert.Equal(RunStatus.Succeeded, p.Status));
        Assert.Equal(rows, partitions.Sum(p => p.RowsWritten));
        var executors = partitions.Select(p => p.Executor).ToHashSet();
        Assert.Contains(first.Get<ExecutorIdentity>().Name, executors);
        Assert.Contains(second.Get<ExecutorIdentity>().Name, executors);
        Assert.Contains(await first.RunLogAsync(runId), line => line.Contains("query split on id into 8 ranges (MIN 0 and MAX 599990 of id)", StringComparison.Ordinal));
        await using (var connection = new NpgsqlConnection(destination))
        {
            await connection.OpenAsync(Ct);
            await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT k), min(k), max(k) FROM target", connection);
            await using var reader = await count.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            Assert.Equal((rows, rows, 1L, rows), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        await using (var db = await first.DbAsync())
        {
            Assert.Equal(1, await db.Runs.CountAsync(r => r.FlowId == flow.Id, Ct));
        }
    }

    private static PostgreSqlSettings Settings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new PostgreSqlSettings(builder.Host!, builder.Database!, builder.Username!, builder.Port, "Disable");
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
