using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>A run that stops before the end of a big query result stops the query on the server too, rather than
/// draining the rest of the result when the reader is disposed.</summary>
/// <remarks>Each row of the query takes a number from a sequence of its own, and sequences ignore transactions and
/// cancellation: its last value says how many rows the server produced, so the check needs no clock.</remarks>
public sealed class QueryStopsEarlyTests(PostgresServer postgres) : IDisposable
{
    private const long TotalRows = 10_000_000;
    private readonly string _sequence = $"seq_{Guid.NewGuid():N}";
    private readonly string _root = Directory.CreateTempSubdirectory("etl-stop-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private FlowDefinition Flow(IReadOnlyList<ColumnMap> columns, RejectThreshold? threshold = null) => new()
    {
        Name = "big query",
        // generate_series in the select list streams its rows (in FROM it would first build the whole set).
        Source = new DatabaseSourceDefinition
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = postgres.ConnectionString,
            Query = $"SELECT nextval('{_sequence}') AS n, 'x' || generate_series(1, {TotalRows}) AS bad /* {_sequence} */",
        },
        Columns = columns,
        Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=unused", Table = "unused" },
        RejectThreshold = threshold ?? RejectThreshold.None,
        StagingEnabled = false,
        BatchSize = 1000,
        LoadParallelism = 1,
    };

    private FlowRunner Runner(FakeLoader loader, ISourceFactory? sources = null) =>
        new(sources ?? new SourceFactory(new HttpClient()), loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(_ct))!;
    }

    private async Task AssertTheServerStoppedEarlyAsync()
    {
        var produced = await ScalarAsync<long>($"SELECT last_value FROM {_sequence}");
        Assert.True(produced < TotalRows / 2, $"the server produced {produced} of {TotalRows} rows: the rest was drained");
        var running = await ScalarAsync<long>(
            $"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%/* {_sequence} */%' AND pid <> pg_backend_pid()");
        Assert.Equal(0, running);
    }

    [Fact]
    public async Task Cancelling_while_the_producer_waits_for_the_loader_stops_the_query_on_the_server()
    {
        await ScalarAsync<int>($"CREATE SEQUENCE {_sequence}; SELECT 1");
        var flow = Flow([new ColumnMap { SourceField = "n", TargetColumn = "n", Type = ColumnType.Long }]);
        // With batch 1 held by the loader and batch 2 queued, the producer's next step after the third full batch is to
        // wait for the channel: the token fires there, not inside a read (where the provider itself would cancel).
        var sources = new CountingSources(new SourceFactory(new HttpClient()), 3 * flow.BatchSize);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var loader = new FakeLoader
        {
            OnBatch = async (n, _) =>
            {
                if (n != 1) return;
                await sources.Reached.Task.WaitAsync(_ct);
                await cancel.CancelAsync();
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(loader, sources).RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, cancel.Token));

        Assert.Equal(3 * flow.BatchSize, sources.Read);
        await AssertTheServerStoppedEarlyAsync();
    }

    [Fact]
    public async Task Crossing_the_reject_threshold_stops_the_query_on_the_server()
    {
        await ScalarAsync<int>($"CREATE SEQUENCE {_sequence}; SELECT 1");
        var flow = Flow([new ColumnMap { SourceField = "bad", TargetColumn = "bad", Type = ColumnType.Int }], new RejectThreshold(5, null));

        var result = await Runner(new FakeLoader()).RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);

        Assert.IsType<RejectThresholdExceededException>(result.Error);
        Assert.Equal(6, result.RowsRead);
        await AssertTheServerStoppedEarlyAsync();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The real query source, counting the records the producer reads and telling when it has read enough.</summary>
    private sealed class CountingSources(ISourceFactory inner, int enough) : ISourceFactory
    {
        private readonly int _enough = enough;
        private int _read;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Read => Volatile.Read(ref _read);

        public IDocumentSource CreateDocumentSource(SourceDefinition source, ParseDefinition parse) => inner.CreateDocumentSource(source, parse);

        public async Task<IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken) =>
            new Counting(await inner.OpenQueryAsync(source, cancellationToken), this);

        private sealed class Counting(IRecordReader reader, CountingSources owner) : IRecordReader
        {
            public string Origin => reader.Origin;
            public long RecordNumber => reader.RecordNumber;
            public IReadOnlyList<string> Fields => reader.Fields;
            public string? RecordError => reader.RecordError;
            public int Bind(string fieldPath) => reader.Bind(fieldPath);
            public string? GetValue(int handle) => reader.GetValue(handle);
            public ValueTask DisposeAsync() => reader.DisposeAsync();

            public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
            {
                if (!await reader.ReadAsync(cancellationToken)) return false;
                if (Interlocked.Increment(ref owner._read) == owner._enough) owner.Reached.TrySetResult();
                return true;
            }
        }
    }
}
