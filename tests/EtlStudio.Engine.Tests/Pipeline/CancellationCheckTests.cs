using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

public sealed class CancellationCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-cancel-").FullName;

    /// <summary>Rows that never end, read without looking at the token, as a provider reads rows it has buffered.</summary>
    private sealed class EndlessRecords : IRecordReader
    {
        public string Origin => "endless";
        public long RecordNumber { get; private set; }
        public IReadOnlyList<string> Fields => ["name"];
        public string? RecordError => null;
        public int Bind(string fieldPath) => 0;
        public string? GetValue(int handle) => "not a date";
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            RecordNumber++;
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Counts the rejects and cancels the run at the first.</summary>
    private sealed class CancellingRejects(CancellationTokenSource cancel) : IRejectSink
    {
        public long Count { get; private set; }

        public ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken)
        {
            if (++Count == 1) cancel.Cancel();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Cancelling_a_run_whose_rows_are_all_rejected_stops_it_within_1024_records_whatever_the_batch_size()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var rejects = new CancellingRejects(cancel);
        var sources = new FakeSources { Query = () => new EndlessRecords() };
        var flow = new FlowDefinition
        {
            Name = "all rejected",
            Source = new DatabaseSourceDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Query = "SELECT" },
            // Never a date, so no row reaches a batch and no batch hand-off looks at the token.
            Columns = [new ColumnMap { SourceField = "name", TargetColumn = "day", Type = ColumnType.Date }],
            Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "t" },
            StagingEnabled = false,
            BatchSize = 100_000,
        };
        var runner = new FlowRunner(sources, new FakeLoader(), new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid(), Rejects = rejects }, cancel.Token));

        Assert.InRange(rejects.Count, 1, 1024);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
