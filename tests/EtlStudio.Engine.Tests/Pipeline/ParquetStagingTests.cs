using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>Runs that stage their mapped rows as Parquet, replays and resumes of them, and of NDJSON staged before.</summary>
public sealed class ParquetStagingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-parquet-runner-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private FlowRunner Runner(FakeSources sources, FakeLoader loader, StagingFormat format) =>
        new(sources, loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance, format);

    private static FlowDefinition Flow(int batchSize = 100) => new()
    {
        Name = "orders",
        Source = new FileSourceDefinition { Location = "in", Pattern = "*.csv" },
        Columns =
        [
            new ColumnMap { SourceField = "id", TargetColumn = "order_id", Type = ColumnType.Int, Required = true },
            new ColumnMap { SourceField = "name", TargetColumn = "customer" },
            new ColumnMap { SourceField = "amount", TargetColumn = "amount", Type = ColumnType.Decimal, Precision = 12, Scale = 2 },
            new ColumnMap { SourceField = "at", TargetColumn = "at", Type = ColumnType.DateTime },
            new ColumnMap { TargetColumn = "file", Derived = DerivedValue.SourceName },
        ],
        Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "sales.orders" },
        BatchSize = batchSize,
        LoadParallelism = 1,
    };

    private static string Csv(int from, int to)
    {
        var sb = new StringBuilder("id,name,amount,at\n");
        for (var i = from; i <= to; i++) sb.Append(i % 7 == 0 ? $"{i},,,\n" : $"{i},\"Zoë {i}, \"\"q\"\"\",{i}.{i % 100:D2},2024-02-29T12:00:{i % 60:D2}.1234567\n");
        return sb.ToString();
    }

    private static FakeSources Sources() => new FakeSources().Add("in/a.csv", Csv(1, 1500)).Add("in/b.csv", Csv(1501, 2600));

    private string[] Artifacts(Guid runId) =>
        [.. Directory.EnumerateFiles(Path.Combine(_root, runId.ToString())).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task A_run_staging_parquet_replays_exactly_the_rows_a_run_staging_ndjson_replays()
    {
        var (ndjsonRun, parquetRun) = (Guid.NewGuid(), Guid.NewGuid());
        var direct = new FakeLoader();
        Assert.True((await Runner(Sources(), direct, StagingFormat.Ndjson).RunAsync(Flow(), new FlowRunContext { RunId = ndjsonRun }, _ct)).Succeeded);
        Assert.True((await Runner(Sources(), new FakeLoader(), StagingFormat.Parquet).RunAsync(Flow(), new FlowRunContext { RunId = parquetRun }, _ct)).Succeeded);
        Assert.Equal(["mapped.complete", "mapped.parquet"], Artifacts(parquetRun));

        var fromNdjson = new FakeLoader();
        var fromParquet = new FakeLoader();
        var a = await Runner(new FakeSources(), fromNdjson, StagingFormat.Parquet).ReplayLoadAsync(Flow(), ndjsonRun, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);
        var b = await Runner(new FakeSources(), fromParquet, StagingFormat.Ndjson).ReplayLoadAsync(Flow(), parquetRun, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.True(a.Succeeded, a.Error?.ToString());
        Assert.True(b.Succeeded, b.Error?.ToString());
        Assert.Equal((2600L, 2600L), (b.RowsRead, b.RowsWritten));
        Assert.Equal(direct.Committed.Count, fromParquet.Committed.Count);
        for (var r = 0; r < direct.Committed.Count; r++)
        {
            Assert.Equal(direct.Committed[r], fromNdjson.Committed[r]);
            Assert.Equal(direct.Committed[r], fromParquet.Committed[r]);
        }
        Assert.Equal([7, null, null, null, "in/a.csv"], fromParquet.Committed[6]);
        Assert.Equal([8, "Zoë 8, \"q\"", 8.08m, new DateTime(2024, 2, 29, 12, 0, 8).AddTicks(1234567), "in/a.csv"], fromParquet.Committed[7]);
    }

    [Fact]
    public async Task A_parquet_staging_file_cut_off_by_a_kill_is_never_replayed_and_the_resume_reads_the_source_again()
    {
        var runId = Guid.NewGuid();
        var broken = new FakeLoader { OnBatch = (n, _) => n == 5 ? throw new TimeoutException("killed") : Task.CompletedTask };
        var run = await Runner(Sources(), broken, StagingFormat.Parquet).RunAsync(Flow(), new FlowRunContext { RunId = runId }, _ct);
        Assert.IsType<TimeoutException>(run.Error);
        // What kill -9 while writing leaves: part of the row groups, no footer, no mapped.complete.
        var path = Path.Combine(_root, runId.ToString(), "mapped.parquet");
        var bytes = await File.ReadAllBytesAsync(path, _ct);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)], _ct);
        File.Delete(Path.Combine(_root, runId.ToString(), "mapped.complete"));

        var replayed = new FakeLoader();
        var replay = await Runner(new FakeSources(), replayed, StagingFormat.Parquet).ReplayLoadAsync(Flow(), runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);
        var e = Assert.IsType<EtlDataException>(replay.Error);
        Assert.Equal($"run {runId}/mapped.parquet: the staged mapped output is incomplete: the run that wrote it did not finish mapping", e.Message);
        Assert.Empty(replayed.Committed);

        // The resume finds no whole staged output, reads the source again and skips what the first attempt committed.
        var committedBefore = broken.Committed.Count;
        Assert.InRange(committedBefore, 1, 2599);
        var resume = await Runner(Sources(), broken, StagingFormat.Parquet).ResumeAsync(Flow(), runId, new FlowRunContext { RunId = Guid.NewGuid(), LoadId = runId }, _ct);

        Assert.True(resume.Succeeded, resume.Error?.ToString());
        Assert.Equal((long)committedBefore, resume.RowsCommittedBefore);
        Assert.Equal(Enumerable.Range(1, 2600), broken.Committed.Select(r => (int)r[0]!).Order());
    }

    [Fact]
    public async Task A_complete_marker_beside_a_truncated_parquet_file_fails_the_replay_naming_the_file_and_loads_nothing()
    {
        var runId = Guid.NewGuid();
        Assert.True((await Runner(Sources(), new FakeLoader(), StagingFormat.Parquet).RunAsync(Flow(), new FlowRunContext { RunId = runId }, _ct)).Succeeded);
        var path = Path.Combine(_root, runId.ToString(), "mapped.parquet");
        var bytes = await File.ReadAllBytesAsync(path, _ct);
        await File.WriteAllBytesAsync(path, bytes[..^100], _ct);

        var loader = new FakeLoader();
        var replay = await Runner(new FakeSources(), loader, StagingFormat.Parquet).ReplayLoadAsync(Flow(), runId, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        var e = Assert.IsType<EtlDataException>(replay.Error);
        Assert.StartsWith($"run {runId}/mapped.parquet: the staged mapped output is incomplete (no Parquet footer", e.Message, StringComparison.Ordinal);
        Assert.Empty(loader.Committed);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
