using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>Parallel load lanes: an Append writes batches on several sessions at once; every other kind of load keeps
/// one session. Batches that wait on each other prove the lanes overlap; a lane that never came would hang the run, so
/// those runs are bounded (only to keep a broken build from hanging the suite).</summary>
public sealed class LoadLaneTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-lanes-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private FlowRunner Runner(FakeLoader loader, int rows) =>
        new(new FakeSources().Add("in/a.csv", Csv(rows)), loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);

    private static FlowDefinition Flow(LoadMode mode = LoadMode.Append, int parallelism = 2, DatabaseProvider provider = DatabaseProvider.PostgreSql) => new()
    {
        Name = "orders",
        Source = new FileSourceDefinition { Location = "in", Pattern = "*.csv" },
        Columns = [new ColumnMap { SourceField = "id", TargetColumn = "order_id", Type = ColumnType.Int, Required = true }],
        Destination = new DestinationDefinition { Provider = provider, ConnectionString = "x", Table = "orders", Mode = mode, KeyColumns = ["order_id"] },
        BatchSize = 5,
        LoadParallelism = parallelism,
    };

    private static string Csv(int rows)
    {
        var sb = new StringBuilder("id\n");
        for (var i = 1; i <= rows; i++) sb.Append(i).Append('\n');
        return sb.ToString();
    }

    private Task<FlowRunResult> RunAsync(FakeLoader loader, FlowDefinition flow, int rows, Guid? runId = null) =>
        Runner(loader, rows).RunAsync(flow, new FlowRunContext { RunId = runId ?? Guid.NewGuid() }, _ct).WaitAsync(TimeSpan.FromMinutes(1), _ct);

    [Fact]
    public async Task Append_lanes_write_batches_side_by_side_each_on_its_own_session()
    {
        var loader = new FakeLoader { OnBatch = Together(3) };

        var result = await RunAsync(loader, Flow(parallelism: 3) with { StagingEnabled = false }, 1000);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(1000L, result.RowsWritten);
        Assert.Equal(Enumerable.Range(1, 1000), loader.Committed.Select(r => (int)r[0]!).Order());
        Assert.Equal((3, 3, 3), (loader.Sessions, loader.Completions, loader.Disposals));
    }

    [Fact]
    public async Task Lanes_without_a_batch_open_no_session()
    {
        var loader = new FakeLoader();

        var result = await RunAsync(loader, Flow(parallelism: 8), 4);

        Assert.True(result.Succeeded, result.Error?.ToString());
        // Lane 0 opens its session up front; the one batch may still go to another lane, which then opens its own.
        Assert.InRange(loader.Sessions, 1, 2);
        Assert.Equal(loader.Sessions, loader.Completions);
        Assert.Equal(4, loader.Committed.Count);
    }

    [Fact]
    public async Task A_failing_batch_in_one_lane_fails_the_run_with_its_error_and_cancels_the_other_lane()
    {
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new FakeLoader
        {
            OnBatch = async (n, ct) =>
            {
                if (n == 2) secondStarted.SetResult();
                // The second batch's lane only ends when the failure of the first cancels it.
                if (n == 2) await Task.Delay(Timeout.Infinite, ct);
                await secondStarted.Task.WaitAsync(ct);
                throw new TimeoutException("server went away");
            },
        };

        var result = await RunAsync(loader, Flow() with { StagingEnabled = false }, 1000);

        Assert.Equal("server went away", Assert.IsType<TimeoutException>(result.Error).Message);
        Assert.Empty(loader.Committed);
        Assert.Equal((2, 0, 2), (loader.Sessions, loader.Completions, loader.Disposals));
        Assert.True(result.RowsRead < 1000, $"the producer was cancelled too (read {result.RowsRead})");
    }

    [Fact]
    public async Task With_staging_on_a_lane_failure_stages_every_row_once_in_order_and_the_replay_loads_them_all()
    {
        var loader = new FakeLoader { OnBatch = (n, _) => n == 7 ? throw new TimeoutException("server went away") : Task.CompletedTask };
        var runId = Guid.NewGuid();

        var run = await RunAsync(loader, Flow(), 1000, runId);

        Assert.IsType<TimeoutException>(run.Error);
        Assert.Equal(1000, run.RowsRead);
        Assert.InRange(loader.Committed.Count, 30, 995);
        var staged = await File.ReadAllLinesAsync(Path.Combine(_root, runId.ToString(), "mapped.ndjson"), _ct);
        // Rows in producer order, each with its record number after its values, under one origin line.
        Assert.StartsWith("{\"origin\":", staged[1], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => $"[{i},"), staged[2..^1].Select(line => line[..(line.IndexOf(',', StringComparison.Ordinal) + 1)]));
        Assert.True(File.Exists(Path.Combine(_root, runId.ToString(), "mapped.complete")));
        var healthy = new FakeLoader();
        var replay = await Runner(healthy, 0).ReplayLoadAsync(Flow(), runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);
        Assert.True(replay.Succeeded, replay.Error?.ToString());
        Assert.Equal(Enumerable.Range(1, 1000), healthy.Committed.Select(r => (int)r[0]!).Order());
    }

    [Theory]
    [InlineData(LoadMode.Append, DatabaseProvider.PostgreSql, 4)]
    [InlineData(LoadMode.Upsert, DatabaseProvider.PostgreSql, 1)]
    [InlineData(LoadMode.TruncateReplace, DatabaseProvider.PostgreSql, 1)]
    [InlineData(LoadMode.Append, DatabaseProvider.Sqlite, 1)]
    public async Task Only_an_Append_outside_SQLite_opens_more_than_one_session(LoadMode mode, DatabaseProvider provider, int sessions)
    {
        var loader = new FakeLoader { OnBatch = Together(sessions) };

        var result = await RunAsync(loader, Flow(mode, parallelism: 4, provider), 100);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((sessions, sessions), (loader.Sessions, loader.Completions));
        if (sessions == 1) Assert.Equal(Enumerable.Range(1, 100), loader.Committed.Select(r => (int)r[0]!));
        else Assert.Equal(Enumerable.Range(1, 100), loader.Committed.Select(r => (int)r[0]!).Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(FlowDefinition.MaxLoadParallelism + 1)]
    public async Task Load_parallelism_outside_1_to_8_fails_the_run_naming_the_flow(int parallelism)
    {
        var loader = new FakeLoader();

        var result = await RunAsync(loader, Flow(parallelism: parallelism), 10);

        var e = Assert.IsType<EtlDataException>(result.Error);
        Assert.Equal($"flow 'orders': load parallelism must be 1 to 8, not {parallelism}", e.Message);
        Assert.Equal(0, loader.Sessions);
    }

    /// <summary>Holds each of the first <paramref name="lanes"/> batches until all of them are being written: fewer
    /// lanes than that never finish.</summary>
    private static Func<int, CancellationToken, Task> Together(int lanes)
    {
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (n, ct) =>
        {
            if (n == lanes) all.TrySetResult();
            return n <= lanes ? all.Task.WaitAsync(ct) : Task.CompletedTask;
        };
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
