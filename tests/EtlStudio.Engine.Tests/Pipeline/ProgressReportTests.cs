using System.Runtime.CompilerServices;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>Progress says where a run is before its first batch is full: a slow API, a long query before its first
/// row or a large batch would otherwise show nothing until thousands of rows were read.</summary>
public sealed class ProgressReportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-progress-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static FlowDefinition Flow(int batchSize) => new()
    {
        Name = "slow",
        Source = new FileSourceDefinition { Location = "in" },
        Columns = [new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int }],
        Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "t" },
        StagingEnabled = false,
        BatchSize = batchSize,
        LoadParallelism = 1,
    };

    private FlowRunner Runner(ISourceFactory sources, FakeLoader loader) =>
        new(sources, loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);

    [Fact]
    public async Task Extract_is_reported_as_each_page_is_asked_for_and_parse_at_its_first_row()
    {
        var loader = new FakeLoader();
        var progress = new WatchedProgress(loader);
        // Reported when each page is asked for (a slow API may take long to answer) and when its first row is parsed,
        // not when the batch of 1000 rows is full.
        var sources = new PagedSources(progress, pages: 2);

        var result = await Runner(sources, loader).RunAsync(Flow(batchSize: 1000), new FlowRunContext { RunId = Guid.NewGuid(), Progress = progress }, _ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(6, result.RowsWritten);
        Assert.Equal([1, 2], sources.ExtractReportsWhenAsked);
        Assert.Equal(
        [
            (new RunProgress(RunStep.Extract, 0, 0, 0), 0),
            (new RunProgress(RunStep.Parse, 1, 0, 0), 0),
            (new RunProgress(RunStep.Extract, 3, 0, 0), 0),
            (new RunProgress(RunStep.Parse, 4, 0, 0), 0),
            (new RunProgress(RunStep.Extract, 6, 0, 0), 0),
        ], progress.Seen.Take(5));
        Assert.All(progress.Seen.Skip(5), seen => Assert.Equal(RunStep.Load, seen.Report.Step));
        Assert.Equal(new RunProgress(RunStep.Load, 6, 6, 0), progress.Seen[^1].Report);
    }

    [Fact]
    public async Task Progress_moves_while_rows_trickle_in_long_before_a_batch_is_full()
    {
        var loader = new FakeLoader();
        var progress = new WatchedProgress(loader);
        const int batchSize = 1000;
        // One row at a time, at least 20 ms apart, until the run reports mapping: more than a second passes before
        // the stream gives up (one row short of a batch), so a report made once a second shows up first.
        var sources = new FakeSources();
        sources.Documents.Add(("slow.csv", () => TrickleStream(progress.Mapping.Task, maxRows: batchSize - 1)));

        var result = await Runner(sources, loader).RunAsync(Flow(batchSize), new FlowRunContext { RunId = Guid.NewGuid(), Progress = progress }, _ct);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.True(result.RowsRead < batchSize - 1, $"the stream ran to its end ({result.RowsRead} rows) without a Map report");
        var map = progress.Seen.First(s => s.Report.Step == RunStep.Map);
        Assert.Equal((0L, 0), (map.Report.RowsWritten, map.BatchesWritten));
        Assert.Equal([RunStep.Extract, RunStep.Parse, RunStep.Map], progress.Seen.Select(s => s.Report.Step).Distinct().Take(3));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Every report with the number of batches the loader had written when it was made.</summary>
    private sealed class WatchedProgress(FakeLoader loader) : IProgress<RunProgress>
    {
        public List<(RunProgress Report, int BatchesWritten)> Seen { get; } = [];
        public TaskCompletionSource Mapping { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Report(RunProgress value)
        {
            lock (Seen) Seen.Add((value, loader.BatchesWritten));
            if (value.Step == RunStep.Map) Mapping.TrySetResult();
        }
    }

    /// <summary>Pages of three rows, noting how many Extract reports the run had made when it asked for each page.</summary>
    private sealed class PagedSources(WatchedProgress progress, int pages) : ISourceFactory, IDocumentSource
    {
        public List<int> ExtractReportsWhenAsked { get; } = [];

        public IDocumentSource CreateDocumentSource(SourceDefinition source, ParseDefinition parse) => this;

        public Task<IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken) => throw new NotSupportedException();

        public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var page = 0; page < pages; page++)
            {
                lock (progress.Seen) ExtractReportsWhenAsked.Add(progress.Seen.Count(s => s.Report.Step == RunStep.Extract));
                await Task.Yield();
                var csv = "id\n" + string.Concat(Enumerable.Range(page * 3 + 1, 3).Select(i => $"{i}\n"));
                yield return new SourceDocument($"page {page}", new MemoryStream(Encoding.UTF8.GetBytes(csv)));
            }
        }
    }

    /// <summary>A CSV of ids, one row per read with a pause before each, ending when <c>stop</c> completes or after
    /// <c>maxRows</c>.</summary>
    private static ChunkedStream TrickleStream(Task stop, int maxRows)
    {
        var rows = -1;
        return new ChunkedStream(async ct =>
        {
            if (rows == maxRows || stop.IsCompleted) return null;
            if (rows++ < 0) return "id\n";
            await Task.Delay(20, ct);
            return $"{rows}\n";
        });
    }

    /// <summary>Text in the chunks <c>next</c> gives (null: the end), served in reads of any size.</summary>
    private sealed class ChunkedStream(Func<CancellationToken, ValueTask<string?>> next) : ForwardReadStream(Null)
    {
        private byte[] _pending = [];
        private int _offset;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _pending.Length)
            {
                if (await next(cancellationToken) is not { } chunk) return 0;
                _pending = Encoding.UTF8.GetBytes(chunk);
                _offset = 0;
            }
            var n = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsSpan(_offset, n).CopyTo(buffer.Span);
            _offset += n;
            return n;
        }

        // The pipeline reads documents asynchronously; a blocking read here would only hide a change in that.
        public override int Read(Span<byte> buffer) => throw new NotSupportedException();
    }
}
