using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>An opened .xlsx workbook: its sheets, date system, date styles and shared strings. The Open XML SDK opens
/// the package; the sheets themselves are read forward with <see cref="XmlReader"/> (<see cref="ExcelSheetReader"/>)
/// so a large sheet is never held in memory as a DOM. A zip needs random access: a forward-only stream (a blob
/// download, an upload) is first copied to a temporary file that is deleted on close.</summary>
internal sealed class ExcelWorkbook : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly Stream _content;
    private readonly Stream _original;
    private readonly Dictionary<string, string> _sheetIds;

    private ExcelWorkbook(SpreadsheetDocument document, Stream content, Stream original, string origin)
    {
        _document = document;
        _content = content;
        _original = original;
        Origin = origin;
        var workbookPart = document.WorkbookPart ?? throw new EtlDataException("the file is a zip but not an Excel workbook: it has no workbook part (is it a .docx or .pptx?)", origin);
        var workbook = workbookPart.Workbook;
        Date1904 = workbook.WorkbookProperties?.Date1904?.Value == true;
        Sheets = (workbook.Sheets?.Elements<Sheet>() ?? [])
            .Select(s => (Name: s.Name?.Value ?? "", Id: s.Id?.Value ?? ""))
            .Where(s => s.Id.Length > 0 && workbookPart.TryGetPartById(s.Id, out var part) && part is WorksheetPart)
            .Select(s => s.Name)
            .ToList();
        _sheetIds = (workbook.Sheets?.Elements<Sheet>() ?? []).Where(s => s.Name?.Value is not null).GroupBy(s => s.Name!.Value!)
            .ToDictionary(g => g.Key, g => g.First().Id?.Value ?? "", StringComparer.Ordinal);
        DateStyles = ReadDateStyles(workbookPart.WorkbookStylesPart);
        SharedStrings = ReadSharedStrings(workbookPart.SharedStringTablePart, origin);
    }

    public string Origin { get; }
    /// <summary>Worksheet names in workbook order (chart and dialog sheets left out).</summary>
    public IReadOnlyList<string> Sheets { get; }
    public bool Date1904 { get; }
    /// <summary>Per cell style index (<c>s</c>), what its number format makes of a number.</summary>
    public ExcelDateKind[] DateStyles { get; }
    public string[] SharedStrings { get; }

    /// <summary>Opens the workbook in <paramref name="content"/> (owned from here on).</summary>
    /// <exception cref="EtlDataException">Not an .xlsx workbook (not a zip, an old .xls, an encrypted workbook, a
    /// broken package).</exception>
    public static async Task<ExcelWorkbook> OpenAsync(Stream content, string origin, CancellationToken cancellationToken)
    {
        var seekable = content;
        try
        {
            // A copy leaves the original open (and owned) until the workbook is disposed: a caller may still read what
            // is left of it (the run's raw staging copy drains it).
            seekable = await SeekableCopy.OpenAsync(content, ReadOnlyMemory<byte>.Empty, disposeCopied: false, cancellationToken);
            CheckSignature(seekable, origin);
            SpreadsheetDocument document;
            try
            {
                document = SpreadsheetDocument.Open(seekable, false, new OpenSettings { AutoSave = false });
            }
            catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or XmlException or NotSupportedException)
            {
                throw new EtlDataException($"the file is not a readable Excel .xlsx workbook: {e.Message}", origin, inner: e);
            }
            try
            {
                return new ExcelWorkbook(document, seekable, content, origin);
            }
            catch
            {
                document.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or XmlException or InvalidDataException)
        {
            await DisposeAsync(seekable, content);
            throw new EtlDataException($"the Excel workbook is damaged: {e.Message}", origin, inner: e);
        }
        catch
        {
            await DisposeAsync(seekable, content);
            throw;
        }
    }

    private static async ValueTask DisposeAsync(Stream seekable, Stream content)
    {
        await seekable.DisposeAsync();
        if (!ReferenceEquals(seekable, content)) await content.DisposeAsync();
    }

    private static void CheckSignature(Stream content, string origin)
    {
        Span<byte> head = stackalloc byte[8];
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        head = head[..n];
        if (head.StartsWith("PK\u0003\u0004"u8)) return;
        if (n == 0) throw new EtlDataException("the file is empty: an Excel .xlsx workbook was expected", origin);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw new EtlDataException(
                "the file is an OLE compound document, not an .xlsx workbook: an old Excel 97-2003 .xls file or a password-protected workbook. Save it as an unprotected .xlsx",
                origin);
        }
        throw new EtlDataException("the file is not an Excel .xlsx workbook (an .xlsx file is a zip archive and this one does not start like one; is it a CSV or another file renamed?)", origin);
    }

    /// <summary>The part stream of worksheet <paramref name="name"/>.</summary>
    public Stream OpenSheet(string name)
    {
        var part = (WorksheetPart)_document.WorkbookPart!.GetPartById(_sheetIds[name]);
        return part.GetStream(FileMode.Open, FileAccess.Read);
    }

    private static ExcelDateKind[] ReadDateStyles(WorkbookStylesPart? stylesPart)
    {
        var stylesheet = stylesPart?.Stylesheet;
        if (stylesheet is null) return [];
        var codes = (stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "");
        return (stylesheet.CellFormats?.Elements<CellFormat>() ?? [])
            .Select(f => f.NumberFormatId?.Value is { } id ? ExcelNumberFormats.Classify((int)id, codes.GetValueOrDefault(id)) : ExcelDateKind.None)
            .ToArray();
    }

    private static string[] ReadSharedStrings(SharedStringTablePart? part, string origin)
    {
        if (part is null) return [];
        var strings = new List<string>();
        var text = new StringBuilder();
        try
        {
            using var xml = ExcelXml.Open(part.GetStream(FileMode.Open, FileAccess.Read));
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si") strings.Add(ExcelXml.ReadStringItem(xml, text));
            }
        }
        catch (XmlException e)
        {
            throw new EtlDataException($"the shared strings of the workbook are damaged: line {e.LineNumber}, position {e.LinePosition}: {e.Message}", origin, inner: e);
        }
        return [.. strings];
    }

    public void Dispose()
    {
        _document.Dispose();
        _content.Dispose();
        if (!ReferenceEquals(_content, _original)) _original.Dispose();
    }
}
