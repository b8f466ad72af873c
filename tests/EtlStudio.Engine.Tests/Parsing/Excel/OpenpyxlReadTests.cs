using Xunit;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;

namespace EtlStudio.Engine.Tests.Parsing.Excel;

/// <summary>Workbooks written by openpyxl, read back cell by cell.</summary>
public sealed class OpenpyxlReadTests
{
    private const string Script = """
        import datetime
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.title = 'Orders'
        ws.append(['id', 'name', 'amount', 'paid', 'ordered', 'shipped', 'note', 'total'])
        ws.append([1, 'Ærø café', 0.1, True, datetime.date(2024, 2, 29), datetime.datetime(2024, 3, 1, 13, 45, 30), None, '=C2*2'])
        ws.append([2, '  spaces  ', 1e-05, False, datetime.date(1900, 3, 1), datetime.datetime(1999, 12, 31, 23, 59, 59), 'merged', None])
        ws.append([3, 'big', 123456789012345678, None, None, None, None, None])
        ws.merge_cells('G3:H4')
        other = wb.create_sheet('Returns')
        other.append(['id', 'reason'])
        other.append([10, 'damaged'])
        wb.save(path)
        """;

    [Fact]
    public async Task An_openpyxl_workbook_reads_every_cell_as_written()
    {
        var bytes = await OpenpyxlWorkbook.WriteAsync(Script, TestContext.Current.CancellationToken);

        var records = await Parse.AllAsync(Parse.Document(bytes, "in/openpyxl.xlsx"), new ParseDefinition { Format = ParseFormat.Excel },
            "id", "name", "amount", "paid", "ordered", "shipped", "note", "total");

        Assert.Equal([
            new ParsedRecord(2, ["1", "Ærø café", "0.1", "true", "2024-02-29", "2024-03-01T13:45:30", null, null], null),
            new ParsedRecord(3, ["2", "  spaces  ", "0.00001", "false", "1900-03-01", "1999-12-31T23:59:59", "merged", null], null),
            // openpyxl stores 15 significant digits in exponent form (1.234567890123457e+17), as Excel would.
            new ParsedRecord(4, ["3", "big", "123456789012345700", null, null, null, null, null], null),
        ], records, RecordComparer.Instance);
    }

    [Fact]
    public async Task An_openpyxl_workbook_in_the_1904_date_system_reads_the_same_dates()
    {
        var bytes = await OpenpyxlWorkbook.WriteAsync("""
            import datetime
            from openpyxl import Workbook
            from openpyxl.utils.datetime import CALENDAR_MAC_1904
            wb = Workbook()
            wb.epoch = CALENDAR_MAC_1904
            ws = wb.active
            ws.append(['when'])
            ws.append([datetime.date(2024, 2, 29)])
            ws.append([datetime.datetime(1904, 1, 1, 6, 0, 0)])
            wb.save(path)
            """, TestContext.Current.CancellationToken);

        var records = await Parse.AllAsync(Parse.Document(bytes, "in/mac.xlsx"), new ParseDefinition { Format = ParseFormat.Excel }, "when");

        Assert.Equal(["2024-02-29", "1904-01-01T06:00:00"], records.Select(r => r.Values[0]));
    }

    [Fact]
    public async Task All_sheets_of_an_openpyxl_workbook_read_as_one_source()
    {
        var bytes = await OpenpyxlWorkbook.WriteAsync(Script, TestContext.Current.CancellationToken);

        var records = await Parse.AllAsync(Parse.Document(bytes, "in/openpyxl.xlsx"), new ParseDefinition { Format = ParseFormat.Excel, Sheet = "*" }, "#sheet", "id");

        Assert.Equal([["Orders", "1"], ["Orders", "2"], ["Orders", "3"], ["Returns", "10"]], records.Select(r => r.Values));
    }

    private sealed class RecordComparer : IEqualityComparer<ParsedRecord>
    {
        public static RecordComparer Instance { get; } = new();
        public bool Equals(ParsedRecord? x, ParsedRecord? y) => x!.Number == y!.Number && x.Error == y.Error && x.Values.SequenceEqual(y.Values);
        public int GetHashCode(ParsedRecord obj) => obj.Number.GetHashCode();
    }
}
