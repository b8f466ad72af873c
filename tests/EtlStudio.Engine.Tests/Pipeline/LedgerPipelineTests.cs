using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>The pipeline's use of the batch ledger, on the in-memory loader (which keeps receipts as the real ones do):
/// a continued load skips what committed, message batches skip redelivered offsets, a committed replace is not
/// repeated, and an empty replace is refused.</summary>
public sealed class LedgerPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-ledger-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private FlowRunner Runner(ISourceFactory sources, FakeLoader loader) => new(sources, loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);

    private static FlowDefinition Flow(LoadMode mode = LoadMode.Append, SourceDefinition? source = null, ParseDefinition? parse = null) => new()
    {
        Name = "orders",
        Source = source ?? new FileSourceDefinition { Location = "in", Pattern = "*.csv" },
        Parse = parse ?? new ParseDefinition(),
        Columns = [new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int }],
        Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "orders", Mode = mode },
        BatchSize = 4,
        StagingEnabled = false,
        LoadParallelism = 1,
    };

    private static string Csv(int rows) => "id\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"{i}\n"));

    [Fact]
    public async Task A_load_continued_after_a_failure_skips_the_batches_that_committed_and_loads_each_row_once()
    {
        var sources = new FakeSources().Add("in/a.csv", Csv(20));
        var loader = new FakeLoader { OnBatch = (n, _) => n == 3 ? throw new TimeoutException("server went away") : Task.CompletedTask };
        var first = Guid.NewGuid();

        var failed = await Runner(sources, loader).RunAsync(Flow(), new FlowRunContext { RunId = first }, _ct);
        var resumed = await Runner(sources, loader).RunAsync(Flow(), new FlowRunContext { RunId = Guid.NewGuid(), LoadId = first }, _ct);

        Assert.False(failed.Succeeded);
        Assert.True(resumed.Succeeded, resumed.Error?.ToString());
        Assert.Equal((8L, 8L, 12L, 20L), (resumed.RowsCommittedBefore, resumed.RowsSkipped, resumed.RowsWritten, resumed.RowsRead));
        Assert.Equal(Enumerable.Range(1, 20), loader.Committed.Select(r => (int)r[0]!).Order());
    }

    [Fact]
    public async Task A_new_load_of_the_same_file_is_not_skipped()
    {
        var sources = new FakeSources().Add("in/a.csv", Csv(6));
        var loader = new FakeLoader();

        await Runner(sources, loader).RunAsync(Flow(), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);
        var again = await Runner(sources, loader).RunAsync(Flow(), new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.Equal((0L, 6L), (again.RowsSkipped, again.RowsWritten));
        Assert.Equal(12, loader.Committed.Count);
    }

    [Fact]
    public async Task Redelivered_messages_at_or_below_their_partitions_ledger_offset_are_skipped()
    {
        using var http = new HttpClient();
        var sources = new SourceFactory(http);
        var loader = new FakeLoader();
        static SourceMessage Message(int partition, long offset) => new("orders", partition, offset, null, Encoding.UTF8.GetBytes($"{{\"id\":{partition * 100 + offset}}}"));
        var firstBatch = Enumerable.Range(0, 10).Select(o => Message(0, o)).Append(Message(1, 0)).ToList();
        var redelivered = firstBatch.Concat(Enumerable.Range(10, 5).Select(o => Message(0, o))).Append(Message(1, 1)).ToList();
        FlowDefinition Batch(IReadOnlyList<SourceMessage> messages) =>
            Flow(source: new MessageSourceDefinition { Messages = messages }, parse: new ParseDefinition { Format = ParseFormat.Json });

        var first = await Runner(sources, loader).RunAsync(Batch(firstBatch), new FlowRunContext { RunId = Guid.NewGuid(), FlowKey = "7" }, _ct);
        var second = await Runner(sources, loader).RunAsync(Batch(redelivered), new FlowRunContext { RunId = Guid.NewGuid(), FlowKey = "7" }, _ct);

        Assert.True(first.Succeeded && second.Succeeded, (first.Error ?? second.Error)?.ToString());
        Assert.Equal((11L, 6L, 11L), (first.RowsWritten, second.RowsWritten, second.RowsSkipped));
        Assert.Equal(17, loader.Committed.Select(r => r[0]).Distinct().Count());
        Assert.Equal(17, loader.Committed.Count);
        Assert.Equal(2, loader.Completions);
        Assert.Equal([("orders[0]", 0L, 9L), ("orders[1]", 0L, 0L), ("orders[0]", 10L, 14L), ("orders[1]", 1L, 1L)],
            loader.Ledger.Select(r => (r.Receipt.Source, r.Receipt.First, r.Receipt.Last)));
    }

    [Fact]
    public async Task A_replace_whose_load_committed_is_not_replaced_again()
    {
        var sources = new FakeSources().Add("in/a.csv", Csv(6));
        var loader = new FakeLoader();
        var first = Guid.NewGuid();

        var replaced = await Runner(sources, loader).RunAsync(Flow(LoadMode.TruncateReplace), new FlowRunContext { RunId = first }, _ct);
        var again = await Runner(sources, loader).RunAsync(Flow(LoadMode.TruncateReplace), new FlowRunContext { RunId = Guid.NewGuid(), LoadId = first }, _ct);

        Assert.True(replaced.Succeeded, replaced.Error?.ToString());
        Assert.Contains("already replaced", Assert.IsType<EtlDataException>(again.Error).Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), (loader.Sessions, loader.Completions));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replace_from_a_source_without_rows_empties_the_table_only_when_the_flow_allows_it(bool allowed)
    {
        var sources = new FakeSources().Add("in/a.csv", "id\n");
        var loader = new FakeLoader();

        var result = await Runner(sources, loader).RunAsync(Flow(LoadMode.TruncateReplace) with { AllowEmptyReplace = allowed }, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.Equal(allowed, result.Succeeded);
        Assert.Equal(allowed ? 1 : 0, loader.Completions);
        if (!allowed) Assert.Contains("would empty orders", result.Error!.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
