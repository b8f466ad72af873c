using System.Diagnostics;
using System.Globalization;
using System.Text;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EtlStudio.Runtime.Tests;

/// <summary>A 200-file flow run as partitions over two app instances on one PostgreSQL database (configuration, Hangfire
/// storage) into a PostgreSQL table whose every insert statement takes a while (a <c>pg_sleep</c> trigger), so the
/// partitions overlap.</summary>
public sealed class PartitionedRunTests(PostgresServer postgres)
{
    private const int Files = 200;
    private const int RowsPerFile = 1000;
    private const int BadEvery = 100;
    private const int BadRows = Files * RowsPerFile / BadEvery;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_200_file_run_is_loaded_by_both_instances_every_row_once_under_one_run_record_with_the_totals()
    {
        var database = await postgres.CreateDatabaseAsync("part");
        await using var first = await RuntimeApp.CreateAsync(postgres: database);
        await using var second = await RuntimeApp.CreateAsync(postgres: database);
        var (flow, destination) = await PartitionedFlowAsync(first, inFlight: 4, sleep: 0.3);

        var runId = await first.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        var run = await first.WaitForEndAsync(runId, seconds: 240);

        var partitions = await PartitionsAsync(first, runId);
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
        Assert.Equal((Files * RowsPerFile, Files * RowsPerFile, 0L, partitions.Count), (run.RowsRead, run.RowsWritten, run.RowsRejected, run.Partitions));
        Assert.All(partitions, p => Assert.Equal(RunStatus.Succeeded, p.Status));
        Assert.Equal(Files, partitions.Sum(p => p.FileCount));
        var executors = partitions.Select(p => p.Executor).Distinct().ToHashSet();
        Assert.Contains(first.Get<ExecutorIdentity>().Name, executors);
        Assert.Contains(second.Get<ExecutorIdentity>().Name, executors);
        await AssertEveryRowOnceAsync(destination);
        Assert.Equal(1, await RunCountAsync(first, flow.Id));
    }

    [Fact]
    public async Task Killing_one_instance_mid_run_lets_the_other_finish_its_partitions_with_nothing_lost_or_doubled()
    {
        var database = await postgres.CreateDatabaseAsync("partkill");
        await using var survivor = await RuntimeApp.CreateAsync(postgres: database);
        var root = Directory.CreateTempSubdirectory("etl-child.").FullName;
        var child = ChildInstance.Start(database, root);
        try
        {
            var childExecutor = await child.ExecutorAsync();
            var (flow, destination) = await PartitionedFlowAsync(survivor, inFlight: 4, sleep: 1.5, badRows: true);

            var runId = await survivor.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
            // Kill the child while a partition of its own has committed some rows and is still loading.
            await WaitAsync(async () =>
                {
                    var running = (await PartitionsAsync(survivor, runId)).Where(p => p.Status == RunStatus.Running).ToList();
                    return running.Any(p => p.Executor == childExecutor && p.RowsWritten > 0);
                },
                seconds: 120, what: () => $"partition of the child ({childExecutor}) running with committed rows; child: {child.Errors}",
                state: async () => string.Join("; ", (await PartitionsAsync(survivor, runId)).Select(p => $"{p.Index} {p.Status} {p.Executor} {p.RowsWritten}")));
            await child.KillAsync();
            var atKill = (await PartitionsAsync(survivor, runId)).Where(p => p.Executor == childExecutor && p.Status == RunStatus.Running).ToList();
            var killedIn = atKill.Select(p => p.Id).ToList();

            var run = await survivor.WaitForEndAsync(runId, seconds: 300);

            var partitions = await PartitionsAsync(survivor, runId);
            Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
            Assert.NotEmpty(killedIn);
            // The retry loaded only what the killed attempt had not committed (the batch ledger).
            Assert.Contains(atKill, p => p.RowsWritten > 0);
            Assert.Contains(await survivor.RunLogAsync(runId), line => line.Contains("an earlier attempt committed were skipped", StringComparison.Ordinal));
            Assert.All(partitions.Where(p => killedIn.Contains(p.Id)), p =>
                Assert.Equal((RunStatus.Succeeded, survivor.Get<ExecutorIdentity>().Name, true), (p.Status, p.Executor, p.Attempts >= 2)));
            // Every bad row is stored once as a reject: those the killed attempt's committed batches cover (the retry skips
            // them) were stored before those batches committed; those it rejected after were not stored twice by the retry.
            Assert.Equal((Files * RowsPerFile, Files * RowsPerFile - BadRows), (run.RowsRead, run.RowsWritten));
            Assert.Equal(run.RowsRead, run.RowsWritten + run.RowsRejected + run.RowsSkipped);
            await using (var db = await survivor.DbAsync())
            {
                var rejects = await db.RejectedRows.AsNoTracking().Where(r => r.RunId == runId).Select(r => new { r.Origin, r.RowNumber, r.Value }).ToListAsync(Ct);
                Assert.Equal((BadRows, BadRows), (rejects.Count, rejects.Select(r => (r.Origin, r.RowNumber)).Distinct().Count()));
                Assert.All(rejects, r => Assert.StartsWith("bad", r.Value));
            }
            await AssertEveryRowOnceAsync(destination, badRows: true);
        }
        finally
        {
            await child.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Cancel_reaches_every_partition_on_both_instances_and_the_run_counts_what_was_committed()
    {
        var database = await postgres.CreateDatabaseAsync("partcancel");
        await using var first = await RuntimeApp.CreateAsync(postgres: database);
        await using var second = await RuntimeApp.CreateAsync(postgres: database);
        var (flow, destination) = await PartitionedFlowAsync(first, inFlight: 4, sleep: 1.0);

        var runId = await first.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        await WaitAsync(async () => (await PartitionsAsync(first, runId)).Count(p => p.Status == RunStatus.Running) >= 2, seconds: 120,
            what: () => "two running partitions", state: async () => string.Join("; ", (await PartitionsAsync(first, runId)).Select(p => $"{p.Index} {p.Status}")));
        await second.Get<IRunLauncher>().CancelAsync(runId, Ct);
        var run = await first.WaitForEndAsync(runId, seconds: 60);

        var partitions = await PartitionsAsync(first, runId);
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.DoesNotContain(partitions, p => p.Status is RunStatus.Queued or RunStatus.Running);
        Assert.Contains(partitions, p => p.Status == RunStatus.Cancelled);
        await using var connection = new NpgsqlConnection(destination);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT id) FROM target", connection);
        await using var reader = await count.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        Assert.Equal((run.RowsWritten, run.RowsWritten), (reader.GetInt64(0), reader.GetInt64(1)));
        Assert.True(run.RowsWritten < Files * RowsPerFile, $"{run.RowsWritten} written: the cancel came too late to stop anything");
    }

    /// <summary>200 CSV files of 1000 rows (ids 1 to 200,000; a partition of 13 files commits in two batches of the default
    /// 10,000, so a kill can land between them) and a flow that appends them to a PostgreSQL table whose inserts
    /// each sleep <paramref name="sleep"/> seconds, at most <paramref name="inFlight"/> partitions at once.</summary>
    private async Task<(Flow Flow, string Destination)> PartitionedFlowAsync(RuntimeApp app, int inFlight, double sleep, bool badRows = false)
    {
        var folder = Path.Combine(app.Root, "in");
        Directory.CreateDirectory(folder);
        for (var f = 0; f < Files; f++)
        {
            var csv = new StringBuilder("id,name\n");
            for (var r = 1; r <= RowsPerFile; r++)
            {
                var id = f * RowsPerFile + r;
                // With bad rows, every BadEvery-th id is not a number: a located reject of that file's record.
                if (badRows && id % BadEvery == 0) csv.Append("bad");
                csv.Append(CultureInfo.InvariantCulture, $"{id},file{f:D3}\n");
            }
            await File.WriteAllTextAsync(Path.Combine(folder, $"part-{f:D3}.csv"), csv.ToString(), Ct);
        }
        var destination = await postgres.CreateDatabaseAsync("dst");
        await using (var connection = new NpgsqlConnection(destination))
        {
            await connection.OpenAsync(Ct);
            await using var ddl = new NpgsqlCommand($"""
                CREATE TABLE target (id bigint, name text);
                CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep({sleep.ToString(CultureInfo.InvariantCulture)}); RETURN NULL; END $$;
                CREATE TRIGGER slow AFTER INSERT ON target FOR EACH STATEMENT EXECUTE FUNCTION slow();
                """, connection);
            await ddl.ExecuteNonQueryAsync(Ct);
        }
        var builder = new NpgsqlConnectionStringBuilder(destination);
        var group = await TestData.GroupAsync(app);
        var source = await TestData.ConnectionAsync(app, new LocalFolderSettings(folder));
        var target = await TestData.ConnectionAsync(app, new PostgreSqlSettings(builder.Host!, builder.Database!, builder.Username!, builder.Port, "Disable"));
        await using var db = await app.DbAsync();
        var flow = new Flow
        {
            GroupId = group.Id,
            Name = $"f-{Guid.NewGuid():N}"[..12],
            SourceConnectionId = source.Id,
            SourcePath = "*.csv",
            DestinationConnectionId = target.Id,
            DestinationTable = "target",
            PartitionsInFlight = inFlight,
            // One lane: a partition's two batches commit one after the other, so a kill can land between them.
            LoadParallelism = 1,
            StagingEnabled = false,
            CreatedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
            Columns = [new ColumnMapping { Order = 0, SourceField = "id", TargetColumn = "id", TargetType = ColumnType.Long },
                new ColumnMapping { Order = 1, SourceField = "name", TargetColumn = "name", TargetType = ColumnType.String }],
        };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(Ct);
        return (flow, destination);
    }

    private static async Task AssertEveryRowOnceAsync(string destination, bool badRows = false)
    {
        await using var connection = new NpgsqlConnection(destination);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand($"SELECT count(*), count(DISTINCT id), min(id), max(id), count(*) FILTER (WHERE id % {BadEvery} = 0) FROM target", connection);
        await using var reader = await count.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        var rows = badRows ? Files * RowsPerFile - BadRows : Files * RowsPerFile;
        Assert.Equal((rows, rows, 1L, badRows ? (long)Files * RowsPerFile - 1 : Files * RowsPerFile, badRows ? 0 : BadRows),
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
    }

    private static async Task<List<RunPartition>> PartitionsAsync(RuntimeApp app, Guid runId)
    {
        await using var db = await app.DbAsync();
        return await db.RunPartitions.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Index).ToListAsync(Ct);
    }

    private static async Task<int> RunCountAsync(RuntimeApp app, int flowId)
    {
        await using var db = await app.DbAsync();
        return await db.Runs.CountAsync(r => r.FlowId == flowId, Ct);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, int seconds, Func<string> what, Func<Task<string>> state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"No {what()} after {seconds} s; partitions: {await state()}");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>A second app instance as a child process (tests/EtlStudio.CrashChild, mode <c>runtime</c>).</summary>
    private sealed class ChildInstance : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _errors = new();
        private readonly TaskCompletionSource<string> _executor = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ChildInstance(Process process) => _process = process;

        public static ChildInstance Start(string database, string root)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { RepoPaths.CrashChild, "runtime", database, root }) start.ArgumentList.Add(arg);
            var process = new Process { StartInfo = start };
            var child = new ChildInstance(process);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (child._errors) child._errors.AppendLine(e.Data);
            };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line) child._executor.TrySetResult(line.Trim());
            };
            if (!process.Start()) throw new InvalidOperationException("the child instance did not start");
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return child;
        }

        public async Task<string> ExecutorAsync()
        {
            try
            {
                return await _executor.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"the child instance did not start within 60 s: {Errors}");
            }
        }

        public string Errors
        {
            get
            {
                lock (_errors) return _errors.Length == 0 ? "(nothing on standard error)" : _errors.ToString();
            }
        }

        public async Task KillAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _process.Dispose();
        }
    }
}
