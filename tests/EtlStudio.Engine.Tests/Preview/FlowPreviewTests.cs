using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;
using Xunit;

namespace EtlStudio.Engine.Tests.Preview;

public sealed class FlowPreviewTests
{
    private static readonly FlowPreview Preview = new(new NoSources());
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_bad_cell_of_a_row_is_reported_with_the_same_reason_a_run_gives()
    {
        var result = await Preview.RunAsync(Doc("id,amount,day\n1,x,2024-02-30\n2,3.5,2024-02-01\n"), new ParseDefinition(),
            [Map("id", ColumnType.Int), Map("amount", ColumnType.Decimal), Map("day", ColumnType.Date)], 100, Ct);

        var bad = result.Rows[0];
        Assert.True(bad.IsRejected);
        Assert.Equal(1, bad.Cells[0].Value);
        Assert.Equal(("x", true), (bad.Cells[1].Raw, bad.Cells[1].Error!.StartsWith("not a valid Decimal", StringComparison.Ordinal)));
        Assert.Equal(("2024-02-30", true), (bad.Cells[2].Raw, bad.Cells[2].Error!.StartsWith("not a valid Date", StringComparison.Ordinal)));
        Assert.Equal([2, 3.5m, new DateOnly(2024, 2, 1)], result.Rows[1].Cells.Select(c => c.Value));
        Assert.Equal(1, result.RejectedRows);
    }

    [Fact]
    public async Task Reading_stops_at_the_row_limit_and_says_there_is_more()
    {
        var csv = "n\n" + string.Join('\n', Enumerable.Range(1, 50)) + "\n";

        var result = await Preview.RunAsync(Doc(csv), new ParseDefinition(), [Map("n", ColumnType.Int)], 10, Ct);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (object?)i), result.Rows.Select(r => r.Cells[0].Value));
        Assert.True(result.MoreRows);
        Assert.Equal(["n", "1", "2"], result.SourceLines.Take(3));
    }

    [Fact]
    public async Task Json_fields_seen_later_are_added_and_a_broken_line_is_a_rejected_record()
    {
        var ndjson = "{\"a\":1}\n{\"a\":2,\"b\":\"x\"}\n{not json\n";

        var result = await Preview.RunAsync(Doc(ndjson, "in.ndjson"), new ParseDefinition { Format = ParseFormat.Json }, [], 100, Ct);

        Assert.Equal(["a", "b"], result.Fields);
        Assert.Equal(["1"], result.Rows[0].Values);
        Assert.Equal(["2", "x"], result.Rows[1].Values);
        // A bad NDJSON line rejects that record only; the run would do the same.
        Assert.Equal(3, result.Rows.Count);
        Assert.NotNull(result.Rows[2].RecordError);
        Assert.True(result.Rows[2].IsRejected);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task A_mapping_a_run_would_refuse_is_reported_as_a_whole_and_per_column()
    {
        var result = await Preview.RunAsync(Doc("a\n1\n"), new ParseDefinition(),
            [Map("a", ColumnType.Int) with { TargetColumn = "x" }, Map("a", ColumnType.Int) with { TargetColumn = "X", Culture = "xx-nowhere" }], 10, Ct);

        var problem = Assert.Single(result.MappingProblems);
        Assert.Contains("column 'x' is mapped 2 times", problem);
        Assert.Contains("unknown culture 'xx-nowhere'", problem);
        Assert.Equal(1, result.Rows[0].Cells[0].Value);
        Assert.Contains("unknown culture", result.Rows[0].Cells[1].Error);
    }

    private static ColumnMap Map(string field, ColumnType type) => new() { SourceField = field, TargetColumn = field, Type = type };

    private static SourceDocument Doc(string text, string name = "in.csv") => new(name, new MemoryStream(new UTF8Encoding(false).GetBytes(text)));

    /// <summary>The document overloads never ask for a source.</summary>
    internal sealed class NoSources : ISourceFactory
    {
        public IDocumentSource CreateDocumentSource(SourceDefinition source, ParseDefinition parse) => throw new NotSupportedException();

        public Task<EtlStudio.Engine.Parsing.IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
