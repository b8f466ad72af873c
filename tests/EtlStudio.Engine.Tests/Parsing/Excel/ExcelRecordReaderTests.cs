using Xunit;
using DocumentFormat.OpenXml.Spreadsheet;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using static EtlStudio.Engine.Tests.Parsing.Excel.XlsxFile;

namespace EtlStudio.Engine.Tests.Parsing.Excel;

public sealed class ExcelRecordReaderTests
{
    private static readonly ParseDefinition Excel = new() { Format = ParseFormat.Excel };

    private static Task<List<ParsedRecord>> ReadAsync(XlsxFile file, ParseDefinition parse, params string[] fields) =>
        Parse.AllAsync(Parse.Document(file.Build(), "in/book.xlsx"), parse, fields);

    [Fact]
    public async Task Every_cell_type_reads_as_the_text_its_column_converts()
    {
        var file = new XlsxFile();
        file.SharedStrings.Add(["plain"]);
        file.SharedStrings.Add(["rich ", "text", "phonetic:ふりがな"]);
        file.SharedStrings.Add(["  padded  "]);
        file.Sheet("Data", [
            Texts(1, "shared", "rich", "inline", "int", "decimal", "exp", "bool", "formula", "fstring", "nocache", "empty", "padded", "twodec", "quotedm", "tiny"),
            Row(2, Shared("A2", 0), Shared("B2", 1), Inline("C2", "inline ü"), Number("D2", "42"), Number("E2", "0.1"), Number("F2", "1.5E-3"),
                Bool("G2", true), Formula("H2", "D2*2", "84"), Formula("I2", "A2&\"!\"", "plain!", CellValues.String), Formula("J2", "NOW()", null),
                Empty("K2"), Shared("L2", 2), Number("M2", "12.5", TwoDecimals), Number("N2", "7", QuotedM), Number("O2", "1E-40")),
        ]);

        var records = await ReadAsync(file, Excel,
            "shared", "rich", "inline", "int", "decimal", "exp", "bool", "formula", "fstring", "nocache", "empty", "padded", "twodec", "quotedm", "tiny");

        var record = Assert.Single(records);
        Assert.Equal(2, record.Number);
        Assert.Null(record.Error);
        Assert.Equal(["plain", "rich text", "inline ü", "42", "0.1", "0.0015", "true", "84", "plain!", null, null, "  padded  ", "12.5", "7", "1E-40"], record.Values);
    }

    [Fact]
    public async Task Dates_read_as_ISO_text_in_the_1900_system_with_its_leap_year_bug()
    {
        var file = new XlsxFile().Sheet("S", [
            Texts(1, "date", "datetime", "custom", "time", "elapsed"),
            Row(2, Number("A2", "45678", DateStyle), Number("B2", "45678.5", DateTimeStyle), Number("C2", "45678.000011574", CustomDateTime),
                Number("D2", "0.75", TimeStyle), Number("E2", "1.5", ElapsedHours)),
            Row(3, Number("A3", "59", DateStyle), Number("B3", "61.25", DateTimeStyle), Number("C3", "1", CustomDateTime), Number("D3", "0.5000001", TimeStyle)),
            Row(4, Number("A4", "60", DateStyle)),
        ]);

        var records = await ReadAsync(file, Excel, "date", "datetime", "custom", "time", "elapsed");

        Assert.Equal(["2025-01-21", "2025-01-21T12:00:00", "2025-01-21T00:00:01", "18:00:00", "1900-01-01T12:00:00"], records[0].Values);
        Assert.Equal(["1900-02-28", "1900-03-01T06:00:00", "1900-01-01T00:00:00", "12:00:00.009"], records[1].Values[..4]);
        Assert.Equal("cell A4 holds date serial 60 is 29 February 1900, a day that Excel counts but that does not exist", records[2].Error);
    }

    [Fact]
    public async Task Dates_in_the_1904_system_count_from_1_January_1904()
    {
        var file = new XlsxFile { Date1904 = true }.Sheet("S", [Texts(1, "d"), Row(2, Number("A2", "0", DateStyle)), Row(3, Number("A3", "44216.25", DateTimeStyle))]);

        var records = await ReadAsync(file, Excel, "d");

        Assert.Equal(["1904-01-01", "2025-01-21T06:00:00"], records.Select(r => r.Values[0]));
    }

    [Fact]
    public async Task A_merged_range_keeps_its_value_in_the_top_left_cell_only()
    {
        var file = new XlsxFile().Sheet("S", [
            Texts(1, "a", "b", "c"),
            Row(2, Inline("A2", "top-left"), Inline("B2", "left behind by the writer"), Number("C2", "1")),
            Row(3, Inline("A3", "also hidden"), Empty("B3"), Number("C3", "2")),
        ], "A2:B3");

        var records = await ReadAsync(file, Excel, "a", "b", "c");

        Assert.Equal(["top-left", null, "1"], records[0].Values);
        Assert.Equal([null, null, "2"], records[1].Values);
    }

    [Fact]
    public async Task Cells_and_rows_without_references_follow_the_one_before()
    {
        var file = new XlsxFile().Sheet("S", [
            Texts(1, "a", "b", "c"),
            Row(null, Number(null, "1"), Number(null, "2"), Number(null, "3")),
            Row(5, Number("B5", "5"), Number(null, "6")),
        ]);

        var records = await ReadAsync(file, Excel, "a", "b", "c");

        Assert.Equal([(2L, new string?[] { "1", "2", "3" }), (5L, [null, "5", "6"])], records.Select(r => (r.Number, r.Values)));
    }

    [Fact]
    public async Task Rows_above_the_header_row_and_empty_rows_are_skipped_and_columns_past_the_header_are_ColumnN()
    {
        var file = new XlsxFile().Sheet("S", [
            Texts(1, "Monthly report"),
            Row(2),
            Texts(3, "id", "", " name "),
            Row(4, Number("A4", "1"), Inline("B4", "unnamed"), Inline("C4", "x"), Inline("E4", "beyond")),
            Row(5, Empty("A5", DateStyle)),
            Row(7, Number("A7", "2")),
        ]);
        var parse = Excel with { HeaderRow = 3 };

        await using var reader = await DocumentParser.OpenAsync(Parse.Document(file.Build(), "in/book.xlsx"), parse, TestContext.Current.CancellationToken);
        var records = await Parse.AllAsync(reader, "id", "Column2", "name", "Column5", "Column4");

        Assert.Equal([(4L, new string?[] { "1", "unnamed", "x", "beyond", null }), (7L, ["2", null, null, null, null])], records.Select(r => (r.Number, r.Values)));
        Assert.Equal(["id", "Column2", "name", "Column5"], reader.Fields);
        Assert.Equal("in/book.xlsx[S]", reader.Origin);
    }

    [Fact]
    public async Task Without_a_header_row_fields_are_named_by_position_and_SkipRows_drops_title_rows()
    {
        var file = new XlsxFile().Sheet("S", [Texts(1, "title"), Texts(2, "a", "b"), Texts(3, "c", "d")]);

        var records = await ReadAsync(file, Excel with { HeaderRow = 0, SkipRows = 1 }, "Column1", "Column2");

        Assert.Equal([["a", "b"], ["c", "d"]], records.Select(r => r.Values));
    }

    [Fact]
    public async Task Sheets_are_chosen_by_name_or_position_and_star_reads_all_of_them_with_their_name()
    {
        var file = new XlsxFile()
            .Sheet("North", [Texts(1, "id", "city"), Row(2, Number("A2", "1"), Inline("B2", "Oslo"))])
            .Sheet("Empty", [])
            .Sheet("South", [Texts(1, "city", "id"), Row(2, Inline("A2", "Rome"), Number("B2", "2")), Row(3, Inline("A3", "Nice"), Number("B3", "3"))]);

        var byName = await ReadAsync(file, Excel with { Sheet = "south" }, "id", "city");
        var byPosition = await ReadAsync(file, Excel with { Sheet = "3" }, "id", "city");
        var first = await ReadAsync(file, Excel, "id", "city");
        await using var reader = await DocumentParser.OpenAsync(Parse.Document(file.Build(), "in/book.xlsx"), Excel with { Sheet = "*" }, TestContext.Current.CancellationToken);
        var handles = new[] { "#sheet", "id", "city" }.Select(reader.Bind).ToArray();
        var all = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            all.Add($"{reader.Origin} row {reader.RecordNumber}: {string.Join("|", handles.Select(reader.GetValue))}");
        }

        Assert.Equal([["2", "Rome"], ["3", "Nice"]], byName.Select(r => r.Values));
        Assert.Equal(byName.Select(r => r.Values), byPosition.Select(r => r.Values));
        Assert.Equal([["1", "Oslo"]], first.Select(r => r.Values));
        Assert.Equal([
            "in/book.xlsx[North] row 2: North|1|Oslo",
            "in/book.xlsx[South] row 2: South|2|Rome",
            "in/book.xlsx[South] row 3: South|3|Nice",
        ], all);
        Assert.Equal(["#sheet", "id", "city"], reader.Fields);
    }

    [Fact]
    public async Task A_missing_sheet_is_named_with_the_sheets_the_workbook_has()
    {
        var file = new XlsxFile().Sheet("North", [Texts(1, "a")]).Sheet("South", [Texts(1, "a")]);

        var e = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync(file, Excel with { Sheet = "West" }, "a"));

        Assert.Equal("in/book.xlsx: the workbook has no sheet 'West'; its sheets are 'North', 'South' (or give a position from 1 to 2, or * for all)", e.Message);
    }

    [Fact]
    public async Task An_error_cell_rejects_its_row_naming_the_cell_only_when_its_field_is_read()
    {
        var file = new XlsxFile().Sheet("S", [
            Texts(1, "id", "ratio", "note"),
            Row(2, Number("A2", "1"), Error("B2", "#DIV/0!"), Inline("C2", "x")),
            Row(3, Number("A3", "2"), Number("B3", "0.5"), Error("C3", "#N/A")),
        ]);

        await using var reader = await DocumentParser.OpenAsync(Parse.Document(file.Build(), "in/book.xlsx"), Excel, TestContext.Current.CancellationToken);
        reader.Bind("id");
        reader.Bind("ratio");
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("cell B2 holds the error value #DIV/0!", reader.RecordError);
        Assert.Equal("ratio (column B)", reader.RecordErrorField);
        Assert.Equal("1\t#DIV/0!\tx", reader.RecordText(100));
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Null(reader.RecordError);
    }

    [Fact]
    public async Task A_forward_only_stream_is_read_through_a_temporary_copy()
    {
        var bytes = new XlsxFile().Sheet("S", [Texts(1, "a"), Texts(2, "x")]).Build();

        var records = await Parse.AllAsync(new EtlStudio.Engine.Sources.SourceDocument("blob://book.xlsx", new ForwardOnlyStream(bytes)), Excel, "a");

        Assert.Equal("x", Assert.Single(records).Values[0]);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
