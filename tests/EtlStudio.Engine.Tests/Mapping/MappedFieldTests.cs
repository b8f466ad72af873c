using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Staging;
using EtlStudio.Engine.Tests.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Mapping;

/// <summary>A mapped source field the input does not have fails the run naming file and field, or, for an optional
/// column, leaves the column empty and warns once.</summary>
public sealed class MappedFieldTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-fields-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class ListLog : IRunLog
    {
        public List<string> Warnings { get; } = [];
        public void Warn(string message) => Warnings.Add(message);
    }

    private async Task<(FlowRunResult Result, FakeLoader Loader, ListLog Log)> RunAsync(FakeSources sources, ParseFormat format, bool optional, int batchSize = 100)
    {
        var loader = new FakeLoader();
        var log = new ListLog();
        var flow = new FlowDefinition
        {
            Name = "fields",
            Source = new FileSourceDefinition { Location = "in", Pattern = "*" },
            Parse = new ParseDefinition { Format = format },
            Columns =
            [
                new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int },
                new ColumnMap { SourceField = "nmae", TargetColumn = "name", Optional = optional },
                new ColumnMap { TargetColumn = "file", Derived = DerivedValue.SourceName },
            ],
            Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "t" },
            BatchSize = batchSize,
            LoadParallelism = 1,
        };
        var runner = new FlowRunner(sources, loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);
        var result = await runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid(), Log = log }, _ct);
        return (result, loader, log);
    }

    [Fact]
    public async Task A_mapped_field_missing_from_the_CSV_header_fails_the_run_naming_file_field_and_header()
    {
        var (result, loader, _) = await RunAsync(new FakeSources().Add("in/a.csv", "id,name\n1,x\n"), ParseFormat.Csv, optional: false);

        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal("in/a.csv", error.Origin);
        Assert.Contains("'nmae'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id', 'name'", error.Message, StringComparison.Ordinal);
        Assert.Empty(loader.Committed);
    }

    [Fact]
    public async Task An_optional_field_missing_from_CSV_headers_loads_null_and_warns_once_per_run()
    {
        var sources = new FakeSources().Add("in/a.csv", "id,name\n1,x\n").Add("in/b.csv", "id\n2\n");

        var (result, loader, log) = await RunAsync(sources, ParseFormat.Csv, optional: true);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal([[1, null, "in/a.csv"], [2, null, "in/b.csv"]], loader.Committed);
        var warning = Assert.Single(log.Warnings, w => w.Contains("'nmae'", StringComparison.Ordinal));
        Assert.Contains("in/a.csv", warning, StringComparison.Ordinal);
        // The header's 'name' is not mapped (the flow misspells it): schema drift, logged once.
        Assert.Contains("schema drift: source field 'name' of in/a.csv", Assert.Single(log.Warnings, w => w != warning), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ParseFormat.Json, """[{"id":1,"name":"x"},{"id":2}]""")]
    [InlineData(ParseFormat.Xml, "<r><record><id>1</id><name>x</name></record><record id=\"2\"/></r>")]
    public async Task A_mapped_field_no_record_has_fails_the_run_before_the_last_batch_is_loaded(ParseFormat format, string text)
    {
        var (result, loader, _) = await RunAsync(new FakeSources().Add("in/a." + format, text), format, optional: false);

        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Contains("'nmae' (column 'name') is in no record of in/a." + format, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, loader.BatchesWritten);
    }

    [Fact]
    public async Task A_field_that_only_some_JSON_records_have_or_that_is_null_is_not_missing()
    {
        var sources = new FakeSources().Add("in/a.json", """[{"id":1},{"id":2,"nmae":null}]""").Add("in/b.json", """[{"id":3}]""");

        var (result, loader, log) = await RunAsync(sources, ParseFormat.Json, optional: false);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(3, loader.Committed.Count);
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task An_optional_field_no_JSON_record_has_loads_null_and_warns_once()
    {
        var sources = new FakeSources().Add("in/a.json", """[{"id":1},{"id":2}]""").Add("in/b.json", """[{"id":3}]""");

        var (result, loader, log) = await RunAsync(sources, ParseFormat.Json, optional: true, batchSize: 1);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(3, result.RowsWritten);
        Assert.All(loader.Committed, row => Assert.Null(row[1]));
        Assert.Contains("in/a.json, in/b.json", Assert.Single(log.Warnings), StringComparison.Ordinal);
    }
}
