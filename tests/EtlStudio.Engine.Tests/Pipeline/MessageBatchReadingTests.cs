using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>The message values of a batch read by one JSON reader restarted on each message, through the real message
/// source, parser and mapper: every row, reject and drift event still names its own message.</summary>
public sealed class MessageBatchReadingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-message-batch-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Long, Required = true },
        new() { SourceField = "amount", TargetColumn = "amount", Type = ColumnType.Decimal, Precision = 12, Scale = 2 },
        new() { SourceField = "name", TargetColumn = "name", Type = ColumnType.String },
        new() { TargetColumn = "msg_key", Derived = DerivedValue.MessageKey },
        new() { TargetColumn = "origin", Derived = DerivedValue.SourceName },
    ];

    private static SourceMessage Message(long offset, string? key, byte[] value) =>
        new("orders", 0, offset, key is null ? null : Encoding.UTF8.GetBytes(key), value);

    private static SourceMessage Message(long offset, string? key, string value) => Message(offset, key, Encoding.UTF8.GetBytes(value));

    private async Task<(FlowRunResult Result, FakeLoader Loader, ListRejects Rejects)> RunAsync(
        IReadOnlyList<SourceMessage> messages, UnmappedFieldPolicy unmapped = UnmappedFieldPolicy.Ignore, string encoding = "utf-8")
    {
        var loader = new FakeLoader();
        var rejects = new ListRejects();
        var flow = new FlowDefinition
        {
            Name = "orders-topic",
            Source = new MessageSourceDefinition { Messages = messages },
            Parse = new ParseDefinition { Format = ParseFormat.Json, Encoding = encoding },
            Columns = Columns,
            UnmappedFields = unmapped,
            Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "orders", Mode = LoadMode.Append },
            StagingEnabled = false,
            LoadParallelism = 1,
        };
        var runner = new FlowRunner(new SourceFactory(new HttpClient()), loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);
        var result = await runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid(), Rejects = rejects }, _ct);
        return (result, loader, rejects);
    }

    [Fact]
    public async Task Lines_BOMs_arrays_and_bad_values_of_one_batch_each_keep_their_message()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF, .. """{"id": 3, "amount": "1.50", "name": "caf\u00e9"}"""u8];
        var (result, loader, rejects) = await RunAsync(
        [
            Message(10, "a", "{\"id\": 1, \"amount\": 2.25, \"name\": \"one\"}\n\n{\"id\": 2, \"amount\": -0.5, \"name\": \"t\\\"wo\"}"),
            Message(11, "b", bom),
            // An array goes the general way; the next message is read by the restarted reader again.
            Message(12, "c", """[{"id": 4, "name": "four"}, {"id": 5, "amount": 100}]"""),
            Message(13, "d", """{"id": "six", "amount": 6}"""),
            Message(14, null, """{"id": 7, "amount": "7x"}"""),
            Message(15, "e", """{"id": 8"""),
            Message(16, "f", """{"id": 9, "amount": true}"""),
            Message(17, "g", """{"id": 10, "name": "\u0041BC"}"""),
        ]);

        Assert.True(result.Succeeded, result.Error?.ToString());
        AssertRows(
        [
            [1L, 2.25m, "one", "a", "orders[0]@10"],
            [2L, -0.5m, "t\"wo", "a", "orders[0]@10"],
            [3L, 1.50m, "café", "b", "orders[0]@11"],
            [4L, null, "four", "c", "orders[0]@12"],
            [5L, 100m, null, "c", "orders[0]@12"],
            [10L, null, "ABC", "g", "orders[0]@17"],
        ], loader.Committed);
        Assert.Equal(
        [
            ("orders[0]@13", 1L, "id", "six"),
            ("orders[0]@14", 1L, "amount", "7x"),
            ("orders[0]@15", 1L, (string?)null, (string?)null),
            ("orders[0]@16", 1L, "amount", "true"),
        ], rejects.Rows.Select(r => (r.Origin, r.RowNumber, r.Column, r.Column is null ? null : r.Value)));
        Assert.Equal(6, result.RowsWritten);
        Assert.Equal(4, result.RowsRejected);
    }

    [Fact]
    public async Task A_field_first_seen_in_a_later_message_fails_the_run_naming_that_message()
    {
        var (result, loader, _) = await RunAsync(
        [
            Message(20, "a", """{"id": 1, "amount": 1}"""),
            Message(21, "b", """{"id": 2, "amount": 2, "coupon": "X1"}"""),
        ], UnmappedFieldPolicy.Fail);

        Assert.False(result.Succeeded);
        Assert.Contains("'coupon' of orders[0]@21", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(loader.Committed);
    }

    [Fact]
    public async Task Messages_in_another_encoding_are_transcoded_as_documents()
    {
        var latin1 = Encoding.Latin1.GetBytes("""{"id": 1, "amount": 3, "name": "café"}""");
        var (result, loader, _) = await RunAsync([Message(30, "a", latin1), Message(31, "b", latin1)], encoding: "iso-8859-1");

        Assert.True(result.Succeeded, result.Error?.ToString());
        AssertRows([[1L, 3m, "café", "a", "orders[0]@30"], [1L, 3m, "café", "b", "orders[0]@31"]], loader.Committed);
    }

    private static void AssertRows(object?[][] expected, List<object?[]> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var r = 0; r < expected.Length; r++) Assert.Equal(expected[r], actual[r]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
