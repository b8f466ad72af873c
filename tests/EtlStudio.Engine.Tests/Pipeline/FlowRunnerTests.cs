using System.Text;
using CsvHelper;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Staging;
using EtlStudio.Engine.Tests.Mapping;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

public sealed class FlowRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-runner-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private LocalFolderStagingStore Staging => new(_root);

    private FlowRunner Runner(FakeSources sources, FakeLoader loader) => new(sources, loader, Staging, NullLogger<FlowRunner>.Instance);

    private static FlowDefinition Flow(LoadMode mode = LoadMode.Append, RejectThreshold? threshold = null, int batchSize = 4) => new()
    {
        Name = "orders",
        Source = new FileSourceDefinition { Location = "in", Pattern = "*.csv" },
        Columns =
        [
            new ColumnMap { SourceField = "id", TargetColumn = "order_id", Type = ColumnType.Int, Required = true },
            new ColumnMap { SourceField = "name", TargetColumn = "customer" },
            new ColumnMap { TargetColumn = "file", Derived = DerivedValue.SourceName },
        ],
        Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "sales.orders", Mode = mode },
        RejectThreshold = threshold ?? RejectThreshold.None,
        BatchSize = batchSize,
        // These tests pin the order in which rows reach the loader; lanes are LoadLaneTests' subject.
        LoadParallelism = 1,
    };

    private static string Csv(int rows, Func<int, bool>? bad = null)
    {
        var sb = new StringBuilder("id,name\n");
        for (var i = 1; i <= rows; i++) sb.Append(bad?.Invoke(i) == true ? $"x{i},bad\n" : $"{i},name {i}\n");
        return sb.ToString();
    }

    [Fact]
    public async Task Rows_stream_in_batches_and_read_equals_written_plus_rejected()
    {
        var sources = new FakeSources().Add("in/a.csv", Csv(10, i => i == 3)).Add("in/b.csv", "id,name\n11,Zoë\n12,\"x\",extra\n,empty\n13,\"Smith, J\"\n");
        var loader = new FakeLoader();
        var rejects = new ListRejects();
        var progress = new ListProgress();

        var result = await Runner(sources, loader).RunAsync(Flow(), new FlowRunContext { RunId = Guid.NewGuid(), Rejects = rejects, Progress = progress }, _ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((14L, 11L, 3L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        Assert.Equal(result.RowsRead, result.RowsWritten + result.RowsRejected);
        Assert.Equal(11, loader.Committed.Count);
        Assert.Equal(3, loader.BatchesWritten);
        Assert.Equal([1, "name 1", "in/a.csv"], loader.Committed[0]);
        Assert.Equal([13, "Smith, J", "in/b.csv"], loader.Committed[^1]);
        Assert.Equal(
        [
            new RejectedRow("in/a.csv", 3, "order_id", "x3", "not a valid Int (32-bit integer) (source field 'id')"),
            new RejectedRow("in/b.csv", 2, null, "12,\"x\",extra", "wrong field count: expected 2 fields but found 3"),
            new RejectedRow("in/b.csv", 3, "order_id", "", "a value is required but the field is empty or missing (source field 'id')"),
        ], rejects.Rows);
        Assert.Equal(new RunProgress(RunStep.Load, 14, 11, 3), progress.Reports[^1]);
        Assert.Equal([RunStep.Extract, RunStep.Parse, RunStep.Map, RunStep.Load], result.Steps.Select(s => s.Step));
        Assert.Equal(1, loader.Completions);
    }

    [Fact]
    public async Task Staging_keeps_each_raw_document_and_the_mapped_rows()
    {
        var a = Csv(5);
        var sources = new FakeSources().Add("in/a.csv", a).Add("https://api/x?page=2", "id,name\n9,n\n");
        var runId = Guid.NewGuid();

        var result = await Runner(sources, new FakeLoader()).RunAsync(Flow(), new FlowRunContext { RunId = runId }, _ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["mapped.complete", "mapped.ndjson", "raw/00001-a.csv", "raw/00002-x_page_2"], result.StagedArtifacts.Select(x => x.Name));
        Assert.Equal(a, await File.ReadAllTextAsync(Path.Combine(_root, runId.ToString(), "raw", "00001-a.csv"), _ct));
        var mapped = await File.ReadAllLinesAsync(Path.Combine(_root, runId.ToString(), "mapped.ndjson"), _ct);
        // Header, an origin line per document, six rows (values, then the record number), trailer.
        Assert.Equal(10, mapped.Length);
        Assert.Equal("""{"origin":"in/a.csv"}""", mapped[1]);
        Assert.Equal("""[1,"name 1","in/a.csv",1]""", mapped[2]);
        Assert.Equal("""{"rows":6}""", mapped[^1]);
    }

    [Fact]
    public async Task Staging_off_writes_nothing()
    {
        var runId = Guid.NewGuid();

        var result = await Runner(new FakeSources().Add("in/a.csv", Csv(5)), new FakeLoader())
            .RunAsync(Flow() with { StagingEnabled = false }, new FlowRunContext { RunId = runId }, _ct);

        Assert.True(result.Succeeded);
        Assert.Empty(result.StagedArtifacts);
        Assert.False(Directory.Exists(Path.Combine(_root, runId.ToString())));
    }

    [Fact]
    public async Task Replay_loads_exactly_the_rows_the_run_mapped_for_every_type()
    {
        var rows = NastyRows.Generate(31337, 500);
        var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteHeader([.. NastyRows.Columns.Select(c => c.SourceField!)]);
            foreach (var row in rows) csv.WriteRecord([.. row.Select(NastyRows.Format)]);
        }
        var sources = new FakeSources { };
        sources.Documents.Add(("fuzz.csv", () => new MemoryStream(stream.ToArray())));
        var flow = Flow(batchSize: 64) with { Columns = NastyRows.Columns };
        var first = new FakeLoader();
        var runId = Guid.NewGuid();
        var run = await Runner(sources, first).RunAsync(flow, new FlowRunContext { RunId = runId }, _ct);
        Assert.True(run.Succeeded, run.Error?.ToString());

        var replayed = new FakeLoader();
        var replay = await Runner(new FakeSources(), replayed).ReplayLoadAsync(flow, runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.True(replay.Succeeded, replay.Error?.ToString());
        Assert.Equal((500L, 500L, 0L), (replay.RowsRead, replay.RowsWritten, replay.RowsRejected));
        Assert.Equal(first.Committed.Count, replayed.Committed.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            NastyRows.AssertRowEqual(rows[i], first.Committed[i], $"run row {i + 1}");
            Assert.Equal(first.Committed[i], replayed.Committed[i]);
        }
    }

    [Fact]
    public async Task Replay_of_a_run_without_staged_output_fails_as_a_data_error()
    {
        var runId = Guid.NewGuid();

        var result = await Runner(new FakeSources(), new FakeLoader()).ReplayLoadAsync(Flow(), runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.False(result.Succeeded);
        var e = Assert.IsType<EtlDataException>(result.Error);
        Assert.Equal($"run {runId}/mapped.ndjson: run {runId} has no staged mapped output to replay (was staging off, or was it deleted?)", e.Message);
    }

    [Fact]
    public async Task Count_threshold_crossed_fails_the_run_and_loads_nothing_more()
    {
        var loader = new FakeLoader();
        var sources = new FakeSources().Add("in/a.csv", Csv(1000, i => i > 40));

        var result = await Runner(sources, loader).RunAsync(Flow(threshold: new RejectThreshold(5, null), batchSize: 10), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.False(result.Succeeded);
        var e = Assert.IsType<RejectThresholdExceededException>(result.Error);
        Assert.Equal("flow 'orders': reject threshold exceeded: 6 rows rejected, more than the limit of 5; last: in/a.csv, record 46, column 'order_id', value 'x46': not a valid Int (32-bit integer) (source field 'id')", e.Message);
        Assert.Equal(46, result.RowsRead);
        Assert.Equal(6, result.RowsRejected);
        Assert.All(loader.Received, r => Assert.InRange((int)r[0]!, 1, 40));
        Assert.Equal(0, loader.Completions);
        Assert.Equal(1, loader.Disposals);
    }

    [Fact]
    public async Task Percent_threshold_is_judged_from_100_rows_on()
    {
        var loader = new FakeLoader();
        // Row 1 is bad: 100% at that moment, but far under 20% over the first 100 rows; from row 101 every row is bad.
        var sources = new FakeSources().Add("in/a.csv", Csv(1000, i => i == 1 || i > 100));

        var result = await Runner(sources, loader).RunAsync(Flow(LoadMode.TruncateReplace, new RejectThreshold(null, 20), batchSize: 10), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        var e = Assert.IsType<RejectThresholdExceededException>(result.Error);
        Assert.StartsWith("flow 'orders': reject threshold exceeded: 25 of 124 rows rejected (20.16%), more than the limit of 20%", e.Message);
        Assert.Empty(loader.Committed);
    }

    [Fact]
    public async Task Percent_threshold_of_a_small_file_is_judged_at_the_end_before_the_last_batch()
    {
        var loader = new FakeLoader();

        var result = await Runner(new FakeSources().Add("in/a.csv", Csv(10, i => i == 10)), loader)
            .RunAsync(Flow(threshold: new RejectThreshold(null, 5), batchSize: 100), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.IsType<RejectThresholdExceededException>(result.Error);
        Assert.Equal(0, loader.BatchesWritten);
    }

    [Fact]
    public async Task Under_the_threshold_the_run_succeeds()
    {
        var result = await Runner(new FakeSources().Add("in/a.csv", Csv(200, i => i % 50 == 0)), new FakeLoader())
            .RunAsync(Flow(threshold: new RejectThreshold(4, 2)), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(4, result.RowsRejected);
    }

    [Fact]
    public async Task Cancellation_stops_an_endless_source_at_the_next_batch_and_throws()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var cancelledAt = 0;
        var loader = new FakeLoader
        {
            OnBatch = (n, _) =>
            {
                if (n == 3)
                {
                    cancelledAt = n;
                    cts.Cancel();
                }
                return Task.CompletedTask;
            },
        };
        var sources = new FakeSources();
        sources.Documents.Add(("endless.csv", () => new EndlessCsvStream()));

        var run = Runner(sources, loader).RunAsync(Flow(LoadMode.TruncateReplace, batchSize: 1000), new FlowRunContext { RunId = Guid.NewGuid() }, cts.Token);

        // The bound only keeps a broken build from hanging the suite; the assertions are on what was loaded.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1), _ct));
        Assert.Equal(3, cancelledAt);
        Assert.InRange(loader.BatchesWritten, 2, 3);
        Assert.Equal(0, loader.Completions);
        Assert.Empty(loader.Committed);
    }

    [Fact]
    public async Task Failed_destination_check_fails_the_run_listing_every_problem_before_reading()
    {
        var loader = new FakeLoader { Problems = ["column customer does not exist", "column order_id is text, not integer"] };

        var result = await Runner(new FakeSources().Add("in/a.csv", Csv(3)), loader).RunAsync(Flow(), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        var e = Assert.IsType<EtlDataException>(result.Error);
        Assert.Equal("flow 'orders': destination sales.orders does not fit the mapping: column customer does not exist; column order_id is text, not integer", e.Message);
        Assert.Equal(0, result.RowsRead);
        Assert.Null(loader.Columns);
    }

    [Fact]
    public async Task A_loader_failure_is_returned_not_thrown_and_rolls_back_a_replace()
    {
        var loader = new FakeLoader { OnBatch = (n, _) => n == 2 ? throw new TimeoutException("server went away") : Task.CompletedTask };

        var result = await Runner(new FakeSources().Add("in/a.csv", Csv(50)), loader)
            .RunAsync(Flow(LoadMode.TruncateReplace) with { StagingEnabled = false }, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.False(result.Succeeded);
        Assert.Equal("server went away", Assert.IsType<TimeoutException>(result.Error).Message);
        Assert.Empty(loader.Committed);
        Assert.Equal(1, loader.Disposals);
    }

    [Fact]
    public async Task A_broken_document_fails_the_run_with_a_data_error_naming_it()
    {
        var result = await Runner(new FakeSources().Add("in/a.csv", Csv(3)).Add("in/b.csv", "id,name\n1,\"never closed\n2,x\n"), new FakeLoader())
            .RunAsync(Flow(), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        var e = Assert.IsType<EtlDataException>(result.Error);
        Assert.StartsWith("in/b.csv, record 1: unbalanced quotes", e.Message);
    }

    [Fact]
    public async Task A_query_source_is_mapped_without_parsing_and_staged_as_NDJSON()
    {
        var records = Enumerable.Range(1, 7).Select(i => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?> { ["id"] = $"{i}", ["name"] = i == 2 ? null : $"n\"{i}" });
        var sources = new FakeSources { Query = () => new InMemoryRecordReader("db query", ["id", "name"], records) };
        var loader = new FakeLoader();
        var flow = Flow() with { Source = new DatabaseSourceDefinition { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=x", Query = "select 1" } };
        var runId = Guid.NewGuid();

        var result = await Runner(sources, loader).RunAsync(flow, new FlowRunContext { RunId = runId }, _ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(7, loader.Committed.Count);
        Assert.Equal([2, null, "db query"], loader.Committed[1]);
        var raw = await File.ReadAllLinesAsync(Path.Combine(_root, runId.ToString(), "raw", "query.ndjson"), _ct);
        Assert.Equal(["""{"id":"1","name":"n\"1"}""", """{"id":"2","name":null}"""], raw.Take(2));
        Assert.Equal(7, raw.Length);
    }

    [Fact]
    public async Task After_a_load_failure_mapping_still_finishes_into_staging_and_the_replay_loads_it_all()
    {
        var failing = new FakeLoader { OnBatch = (n, _) => n == 2 ? throw new TimeoutException("server went away") : Task.CompletedTask };
        var runId = Guid.NewGuid();
        var run = await Runner(new FakeSources().Add("in/a.csv", Csv(50)), failing).RunAsync(Flow(LoadMode.TruncateReplace), new FlowRunContext { RunId = runId }, _ct);
        Assert.IsType<TimeoutException>(run.Error);
        Assert.Equal(50, run.RowsRead);

        var healthy = new FakeLoader();
        var replay = await Runner(new FakeSources(), healthy).ReplayLoadAsync(Flow(LoadMode.TruncateReplace), runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.True(replay.Succeeded, replay.Error?.ToString());
        Assert.Equal(Enumerable.Range(1, 50), healthy.Committed.Select(r => (int)r[0]!));
    }

    [Fact]
    public async Task The_staged_output_of_a_run_that_died_while_mapping_is_not_replayed()
    {
        var runId = Guid.NewGuid();
        var run = await Runner(new FakeSources().Add("in/a.csv", Csv(20_000)).Add("in/b.csv", "id,name\n1,\"open\n"), new FakeLoader())
            .RunAsync(Flow(batchSize: 1000), new FlowRunContext { RunId = runId }, _ct);
        Assert.IsType<EtlDataException>(run.Error);

        var loader = new FakeLoader();
        var replay = await Runner(new FakeSources(), loader).ReplayLoadAsync(Flow(), runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        var e = Assert.IsType<EtlDataException>(replay.Error);
        Assert.Equal($"run {runId}/mapped.ndjson: the staged mapped output is incomplete: the run that wrote it did not finish mapping", e.Message);
        Assert.Empty(loader.Committed);
    }

    [Fact]
    public async Task Replay_refuses_a_flow_whose_mapping_changed_since_the_run()
    {
        var runId = Guid.NewGuid();
        await Runner(new FakeSources().Add("in/a.csv", Csv(3)), new FakeLoader()).RunAsync(Flow(), new FlowRunContext { RunId = runId }, _ct);
        var changed = Flow() with { Columns = [new ColumnMap { SourceField = "id", TargetColumn = "order_id", Type = ColumnType.Long }] };

        var replay = await Runner(new FakeSources(), new FakeLoader()).ReplayLoadAsync(changed, runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        var e = Assert.IsType<EtlDataException>(replay.Error);
        Assert.Equal($"run {runId}/mapped.ndjson: flow 'orders' now maps [order_id Long] but run {runId} staged [order_id Int, customer String, file String]", e.Message);
    }

    [Fact]
    public async Task The_raw_artifact_is_the_whole_document_even_past_the_records()
    {
        var json = "{\"data\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}], \"links\": {\"next\": null}, \"pad\": \"" + new string('x', 100_000) + "\"}";
        var runId = Guid.NewGuid();
        var flow = Flow() with { Parse = new ParseDefinition { Format = ParseFormat.Json, RecordsPath = "data" } };

        var result = await Runner(new FakeSources().Add("api/orders", json), new FakeLoader()).RunAsync(flow, new FlowRunContext { RunId = runId }, _ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(2, result.RowsWritten);
        Assert.Equal(json, await File.ReadAllTextAsync(Path.Combine(_root, runId.ToString(), "raw", "00001-orders"), _ct));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
