using System.IO.Compression;
using System.Text;
using Xunit;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Tests.Parsing.Excel;

public sealed class ExcelBadInputTests
{
    private static readonly ParseDefinition Excel = new() { Format = ParseFormat.Excel };

    private static async Task<string> FailureAsync(byte[] bytes) =>
        (await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(bytes, "in/book.xlsx"), Excel, "a"))).Message;

    [Fact]
    public async Task A_CSV_renamed_to_xlsx_fails_naming_the_file()
    {
        var message = await FailureAsync(Encoding.UTF8.GetBytes("a,b\n1,2\n"));

        Assert.Equal("in/book.xlsx: the file is not an Excel .xlsx workbook (an .xlsx file is a zip archive and this one does not start like one; is it a CSV or another file renamed?)", message);
    }

    [Fact]
    public async Task An_old_xls_file_fails_saying_to_save_it_as_xlsx()
    {
        byte[] biff = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var message = await FailureAsync(biff);

        Assert.StartsWith("in/book.xlsx: the file is an OLE compound document, not an .xlsx workbook: an old Excel 97-2003 .xls file", message);
    }

    [Fact]
    public async Task An_empty_file_fails_naming_the_file()
    {
        Assert.Equal("in/book.xlsx: the file is empty: an Excel .xlsx workbook was expected", await FailureAsync([]));
    }

    [Fact]
    public async Task A_zip_that_is_no_workbook_fails_naming_the_file()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await archive.CreateEntry("readme.txt").OpenAsync(TestContext.Current.CancellationToken);
            entry.Write("hello"u8);
        }

        var message = await FailureAsync(zip.ToArray());

        Assert.StartsWith("in/book.xlsx: the file is a zip but not an Excel workbook: it has no workbook part", message);
    }

    [Fact]
    public async Task A_truncated_workbook_fails_naming_the_file()
    {
        var bytes = new XlsxFile().Sheet("S", [XlsxFile.Texts(1, "a"), XlsxFile.Texts(2, "x")]).Build();

        var message = await FailureAsync(bytes[..(bytes.Length / 2)]);

        Assert.StartsWith("in/book.xlsx: ", message);
    }

    [Fact]
    public async Task A_sheet_without_its_header_row_fails_naming_the_sheet()
    {
        var bytes = new XlsxFile().Sheet("Blank", []).Build();

        Assert.Equal("in/book.xlsx[Blank]: sheet 'Blank' has no row 1 (its header row): the sheet is empty", await FailureAsync(bytes));
    }
}
