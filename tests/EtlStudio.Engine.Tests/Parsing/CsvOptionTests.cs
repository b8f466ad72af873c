using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Parsing;
using Xunit;

namespace EtlStudio.Engine.Tests.Parsing;

/// <summary><see cref="ParseDefinition.LenientQuotes"/> and <see cref="ParseDefinition.EmptyQuotedAsEmptyString"/>:
/// off, the reader behaves as before; on, it does what the option says and nothing more.</summary>
public sealed class CsvOptionTests
{
    private const string StrayQuote = "id,size\n1,24\" screen\n2,\"ab\"c\n";

    [Fact]
    public async Task A_stray_quote_rejects_the_row_by_default()
    {
        var records = await Parse.AllAsync(Parse.Document(StrayQuote), new ParseDefinition(), "size");

        Assert.Equal("unbalanced quotes: a quote inside an unquoted field", records[0].Error);
    }

    [Fact]
    public async Task With_lenient_quotes_a_stray_quote_is_text_but_text_after_a_closing_quote_still_rejects()
    {
        var records = await Parse.AllAsync(Parse.Document(StrayQuote), new ParseDefinition { LenientQuotes = true }, "size");

        Assert.Null(records[0].Error);
        Assert.Equal("24\" screen", records[0].Values[0]);
        Assert.Equal("unbalanced quotes: text after the closing quote of a quoted field", records[1].Error);
    }

    private static async Task<List<object?[]>> MapAsync(ParseDefinition parse, string csv, params ColumnMap[] columns)
    {
        var mapper = RowMapper.Compile(columns, "options");
        await using var reader = await DocumentParser.OpenAsync(Parse.Document(csv), parse, TestContext.Current.CancellationToken);
        var bound = mapper.Bind(reader);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[columns.Length];
            Assert.Null(bound.Map(row, default));
            rows.Add(row);
        }
        return rows;
    }

    private static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "quoted", TargetColumn = "quoted" },
        new() { SourceField = "bare", TargetColumn = "bare" },
        new() { SourceField = "spaces", TargetColumn = "spaces", Default = "d" },
        new() { SourceField = "n", TargetColumn = "n", Type = ColumnType.Int },
    ];

    private const string Empties = "quoted,bare,spaces,n\n\"\",,\"  \",\"\"\n";

    [Fact]
    public async Task Empty_fields_are_null_by_default_quoted_or_not()
    {
        var row = Assert.Single(await MapAsync(new ParseDefinition(), Empties, Columns));

        Assert.Equal([null, null, "d", null], row);
    }

    [Fact]
    public async Task With_EmptyQuotedAsEmptyString_a_quoted_empty_string_field_stays_an_empty_string()
    {
        var row = Assert.Single(await MapAsync(new ParseDefinition { EmptyQuotedAsEmptyString = true }, Empties, Columns));

        // Unquoted stays null; a number column has no empty string, so it stays null too.
        Assert.Equal(["", null, "", null], row);
    }
}
