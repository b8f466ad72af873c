using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>Message-derived columns, from a batch of messages through the real message source, parser and mapper.</summary>
public sealed class MessageColumnsTests : IDisposable
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 25, 14, 30, 5, TimeSpan.FromHours(1));
    private readonly string _root = Directory.CreateTempSubdirectory("etl-message-columns-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int },
        new() { TargetColumn = "msg_key", Derived = DerivedValue.MessageKey },
        new() { TargetColumn = "msg_partition", Type = ColumnType.Int, Derived = DerivedValue.MessagePartition },
        new() { TargetColumn = "msg_offset", Type = ColumnType.Long, Derived = DerivedValue.MessageOffset },
        new() { TargetColumn = "msg_time", Type = ColumnType.DateTimeOffset, Derived = DerivedValue.MessageTimestamp },
        new() { SourceField = "tenant", TargetColumn = "tenant", Derived = DerivedValue.MessageHeader },
        new() { SourceField = "trace-id", TargetColumn = "trace", Derived = DerivedValue.MessageHeader },
        new() { TargetColumn = "origin", Derived = DerivedValue.SourceName },
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<(FlowRunResult Result, FakeLoader Loader)> RunAsync(SourceDefinition source, IReadOnlyList<ColumnMap>? columns = null, FakeSources? fake = null)
    {
        var loader = new FakeLoader();
        var flow = new FlowDefinition
        {
            Name = "orders-topic",
            Source = source,
            Parse = new ParseDefinition { Format = ParseFormat.Json },
            Columns = columns ?? Columns,
            Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "orders", Mode = LoadMode.Append },
            StagingEnabled = false,
            LoadParallelism = 1,
        };
        ISourceFactory sources = fake is null ? new SourceFactory(new HttpClient()) : fake;
        var runner = new FlowRunner(sources, loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);
        var result = await runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, _ct);
        return (result, loader);
    }

    [Fact]
    public async Task Each_row_gets_the_key_partition_offset_timestamp_and_headers_of_its_message()
    {
        var batch = new MessageSourceDefinition
        {
            Messages =
            [
                // Two records in one message: both carry that message's metadata.
                new SourceMessage("orders", 2, 41, Utf8("cust-7"), Utf8("""[{"id": 1}, {"id": 2}]"""),
                    [KeyValuePair.Create("tenant", Utf8("acme")), KeyValuePair.Create("tenant", Utf8("zoë & co")), KeyValuePair.Create("trace-id", Utf8("t-1"))], Sent),
                new SourceMessage("orders", 0, 3_000_000_000, null, Utf8("""{"id": 3}"""), [KeyValuePair.Create("Tenant", Utf8("wrong case"))]),
            ],
        };

        var (result, loader) = await RunAsync(batch);

        Assert.True(result.Succeeded, result.Error?.ToString());
        var utc = new DateTimeOffset(2026, 11, 25, 13, 30, 5, TimeSpan.Zero);
        Assert.Equal([1, "cust-7", 2, 41L, utc, "zoë & co", "t-1", "orders[2]@41"], loader.Committed[0]);
        Assert.Equal([2, "cust-7", 2, 41L, utc, "zoë & co", "t-1", "orders[2]@41"], loader.Committed[1]);
        // No key, no timestamp, header names are case-sensitive: nulls, not a crash.
        Assert.Equal([3, null, 0, 3_000_000_000L, null, null, null, "orders[0]@3000000000"], loader.Committed[2]);
        Assert.Equal(3, loader.Committed.Count);
    }

    [Fact]
    public async Task Message_columns_of_a_file_source_are_null()
    {
        var files = new FakeSources().Add("in/a.json", """[{"id": 5}]""");

        var (result, loader) = await RunAsync(new FileSourceDefinition { Location = "in" }, fake: files);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal([5, null, null, null, null, null, null, "in/a.json"], Assert.Single(loader.Committed));
    }

    [Fact]
    public async Task The_preview_of_a_message_batch_shows_the_message_columns()
    {
        var batch = new MessageSourceDefinition
        {
            Messages = [new SourceMessage("orders", 1, 9, Utf8("cust-9"), Utf8("""{"id": 9}"""), [KeyValuePair.Create("tenant", Utf8("acme"))])],
        };

        var preview = await new FlowPreview(new SourceFactory(new HttpClient())).RunAsync(batch, new ParseDefinition { Format = ParseFormat.Json }, Columns, 10, _ct);

        Assert.Null(preview.Error);
        Assert.Equal([9, "cust-9", 1, 9L, null, "acme", null, "orders[1]@9"], Assert.Single(preview.Rows).Cells.Select(c => c.Value));
    }

    [Theory]
    [InlineData(DerivedValue.MessageOffset, ColumnType.Int, null, "derived value MessageOffset cannot be stored as Int")]
    [InlineData(DerivedValue.MessageKey, ColumnType.Long, null, "derived value MessageKey cannot be stored as Long")]
    [InlineData(DerivedValue.MessageHeader, ColumnType.String, " ", "derived value MessageHeader needs the header name in its source field")]
    public async Task A_message_column_that_cannot_hold_its_value_fails_the_run_naming_it(DerivedValue derived, ColumnType type, string? header, string problem)
    {
        var columns = new[] { new ColumnMap { SourceField = header, TargetColumn = "meta", Type = type, Derived = derived } };

        var (result, loader) = await RunAsync(new MessageSourceDefinition { Messages = [new SourceMessage("t", 0, 0, null, Utf8("{}"))] }, columns);

        Assert.False(result.Succeeded);
        Assert.Contains($"column 'meta': {problem}", result.Error?.Message, StringComparison.Ordinal);
        Assert.Empty(loader.Received);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
