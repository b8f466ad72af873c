using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EtlStudio.Engine.Tests.Parsing.Excel;

/// <summary>Writes .xlsx workbooks for the tests with the Open XML SDK, cell by cell, so every cell type, style, shared
/// string and merge is exactly what a test says.</summary>
internal sealed class XlsxFile
{
    /// <summary>Cell styles (<c>s</c>) the workbook defines.</summary>
    public const uint General = 0, DateStyle = 1, DateTimeStyle = 2, CustomDateTime = 3, TimeStyle = 4, TwoDecimals = 5, QuotedM = 6, ElapsedHours = 7;

    public bool Date1904 { get; init; }
    public List<string[]> SharedStrings { get; } = [];
    public List<(string Name, Row[] Rows, string[] Merges)> Sheets { get; } = [];

    public XlsxFile Sheet(string name, Row[] rows, params string[] merges)
    {
        Sheets.Add((name, rows, merges));
        return this;
    }

    public static Row Row(uint? number, params Cell[] cells)
    {
        var row = new Row(cells);
        if (number is { } n) row.RowIndex = n;
        return row;
    }

    public static Cell Number(string? reference, string value, uint style = General) =>
        new(new CellValue(value)) { CellReference = reference, StyleIndex = style == General ? null : style };

    public static Cell Shared(string? reference, int index) =>
        new(new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture))) { CellReference = reference, DataType = CellValues.SharedString };

    public static Cell Inline(string? reference, string text) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, DataType = CellValues.InlineString };

    public static Cell Bool(string? reference, bool value) =>
        new(new CellValue(value ? "1" : "0")) { CellReference = reference, DataType = CellValues.Boolean };

    public static Cell Error(string? reference, string error) =>
        new(new CellFormula("1/0"), new CellValue(error)) { CellReference = reference, DataType = CellValues.Error };

    public static Cell Formula(string? reference, string formula, string? cached, CellValues? type = null)
    {
        var cell = new Cell(new CellFormula(formula)) { CellReference = reference, DataType = type };
        if (cached is not null) cell.Append(new CellValue(cached));
        return cell;
    }

    public static Cell Empty(string? reference, uint style = General) => new() { CellReference = reference, StyleIndex = style == General ? null : style };

    /// <summary>A row of inline strings from column A on (a header).</summary>
    public static Row Texts(uint number, params string[] texts) =>
        Row(number, [.. texts.Select((t, i) => Inline(Letters(i + 1) + number, t))]);

    public static string Letters(int column)
    {
        var s = "";
        for (var n = column; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new WorkbookProperties { Date1904 = Date1904 ? true : null }, new Sheets());
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            if (SharedStrings.Count > 0)
            {
                var strings = workbookPart.AddNewPart<SharedStringTablePart>();
                strings.SharedStringTable = new SharedStringTable(SharedStrings.Select(Item));
            }
            uint id = 1;
            foreach (var (name, rows, merges) in Sheets)
            {
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var worksheet = new Worksheet(new SheetData(rows.Select(r => (Row)r.CloneNode(true))));
                if (merges.Length > 0) worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
                sheetPart.Worksheet = worksheet;
                workbookPart.Workbook.Sheets!.Append(new Sheet { Name = name, SheetId = id++, Id = workbookPart.GetIdOfPart(sheetPart) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>One text is a plain item; several are rich text runs, and a text starting with "phonetic:" is a
    /// phonetic run (not part of the value).</summary>
    private static SharedStringItem Item(string[] texts)
    {
        if (texts.Length == 1) return new SharedStringItem(new Text(texts[0]) { Space = SpaceProcessingModeValues.Preserve });
        var item = new SharedStringItem();
        foreach (var text in texts)
        {
            if (text.StartsWith("phonetic:", StringComparison.Ordinal)) item.Append(new PhoneticRun(new Text(text[9..])) { BaseTextStartIndex = 0, EndingBaseIndex = 1 });
            else item.Append(new Run(new RunProperties(new Bold()), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return item;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "\"m\"0.00;[Red]\"m\"-0.00" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "[h]:mm:ss" }),
        new Fonts(new Font()),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat { NumberFormatId = 0 },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 22, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 20, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, ApplyNumberFormat = true }));
}
