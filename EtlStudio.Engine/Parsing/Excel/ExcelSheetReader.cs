using System.Globalization;
using System.Text;
using System.Xml;

namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>Reads the rows of one worksheet part forward, turning each cell into text the mapper converts: shared and
/// inline strings (rich text runs joined), numbers as the decimal text stored in the cell (an exponent written out),
/// dates and times as ISO 8601, booleans as true/false, formulas as their cached value (none: null). Error values
/// (<c>#N/A</c>) and numbers in date cells that are no date are kept as the cell's error.</summary>
internal sealed class ExcelSheetReader : IDisposable
{
    private readonly XmlReader _xml;
    private readonly ExcelWorkbook _book;
    private readonly ExcelMergedCells _merged;
    private readonly StringBuilder _text = new();
    private string?[] _values = new string?[16];
    private string?[] _errors = new string?[16];

    public ExcelSheetReader(ExcelWorkbook book, string sheet)
    {
        _book = book;
        Sheet = sheet;
        _merged = ExcelMergedCells.Read(book.OpenSheet(sheet));
        _xml = ExcelXml.Open(book.OpenSheet(sheet));
    }

    public string Sheet { get; }
    /// <summary>1-based row number of the current row.</summary>
    public int RowNumber { get; private set; }
    /// <summary>Columns the current row reaches (1-based last column with a cell).</summary>
    public int Width { get; private set; }
    /// <summary>Whether any cell of the current row has a value or an error.</summary>
    public bool HasContent { get; private set; }

    /// <summary>Text of 1-based column <paramref name="column"/> of the current row; null when empty.</summary>
    public string? Value(int column) => column <= Width ? _values[column - 1] : null;

    /// <summary>The error of 1-based column <paramref name="column"/> (<c>#N/A</c>, or why a date cell is no date); null when none.</summary>
    public string? Error(int column) => column <= Width ? _errors[column - 1] : null;

    /// <summary>Moves to the next row element of the sheet; false at the end.</summary>
    public bool Read()
    {
        try
        {
            while (_xml.Read())
            {
                if (_xml.NodeType != XmlNodeType.Element || _xml.LocalName != "row") continue;
                RowNumber = int.TryParse(_xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : RowNumber + 1;
                Array.Clear(_values, 0, Width);
                Array.Clear(_errors, 0, Width);
                Width = 0;
                HasContent = false;
                if (!_merged.IsEmpty) _merged.Row(RowNumber);
                if (!_xml.IsEmptyElement) ReadCells();
                return true;
            }
            return false;
        }
        catch (XmlException e)
        {
            throw new EtlDataException($"sheet '{Sheet}' is damaged: invalid XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}", _book.Origin, RowNumber + 1L, inner: e);
        }
    }

    private void ReadCells()
    {
        var depth = _xml.Depth;
        var column = 0;
        _xml.Read();
        while (!_xml.EOF && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.NodeType == XmlNodeType.Element && _xml.LocalName == "c")
            {
                column = ReadCell(column);
            }
            else
            {
                _xml.Read();
            }
        }
    }

    /// <summary>Reads the cell the reader is on and moves past it; returns its column.</summary>
    private int ReadCell(int previous)
    {
        var reference = _xml.GetAttribute("r");
        var column = previous + 1;
        if (reference is not null && ExcelCellReference.TryParse(reference, out var c, out _)) column = c;
        if (column > ExcelCellReference.MaxColumns)
        {
            throw new EtlDataException($"sheet '{Sheet}' has a cell beyond column XFD, the last one a sheet can have", _book.Origin, RowNumber);
        }
        var type = _xml.GetAttribute("t");
        var style = int.TryParse(_xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        string? raw = null, inline = null;
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
        }
        else
        {
            var depth = _xml.Depth;
            _xml.Read();
            while (!_xml.EOF && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
            {
                if (_xml.NodeType != XmlNodeType.Element) _xml.Read();
                else if (_xml.LocalName == "v") raw = _xml.ReadElementContentAsString();
                else if (_xml.LocalName == "is")
                {
                    inline = ExcelXml.ReadStringItem(_xml, _text);
                    _xml.Read();
                }
                else _xml.Skip();
            }
            _xml.Read();
        }
        if (!_merged.IsEmpty && _merged.IsHidden(column)) return column;
        var (value, error) = Convert(type, style, raw, inline);
        if (value is null && error is null) return column;
        if (column > _values.Length)
        {
            var size = Math.Min(Math.Max(column, _values.Length * 2), ExcelCellReference.MaxColumns);
            Array.Resize(ref _values, size);
            Array.Resize(ref _errors, size);
        }
        _values[column - 1] = value;
        _errors[column - 1] = error;
        Width = Math.Max(Width, column);
        HasContent = true;
        return column;
    }

    private (string? Value, string? Error) Convert(string? type, int style, string? raw, string? inline)
    {
        switch (type)
        {
            case "s":
                if (raw is null) return (null, null);
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _book.SharedStrings.Length)
                {
                    throw new EtlDataException($"sheet '{Sheet}' refers to shared string '{raw}', which the workbook does not have (the file is damaged)", _book.Origin, RowNumber);
                }
                return (_book.SharedStrings[index], null);
            case "inlineStr":
                return (inline ?? raw, null);
            case "str" or "d":
                return (raw, null);
            case "b":
                return raw switch
                {
                    null or "" => (null, null),
                    "1" or "true" => ("true", null),
                    "0" or "false" => ("false", null),
                    _ => (null, $"'{raw}' in a boolean cell is not 0 or 1"),
                };
            case "e":
                return (null, raw ?? "#VALUE!");
            default:
                if (string.IsNullOrEmpty(raw)) return (null, null);
                var kind = (uint)style < (uint)_book.DateStyles.Length ? _book.DateStyles[style] : ExcelDateKind.None;
                if (kind != ExcelDateKind.None)
                {
                    var iso = ExcelDates.ToIso(raw, kind, _book.Date1904, out var error);
                    return (iso, error);
                }
                return (PlainNumber(raw), null);
        }
    }

    /// <summary>The number as stored, with an exponent (<c>1E-3</c>, <c>1.5e+20</c>) written out as plain decimal
    /// text, which every column type reads; a number beyond decimal's range stays as stored.</summary>
    private static string PlainNumber(string raw)
    {
        if (raw.AsSpan().IndexOfAny('E', 'e') < 0) return raw;
        // decimal rounds what is below its 28 decimal places to 0: keep such a tiny number as stored.
        return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (d != 0 || IsZero(raw))
            ? d.ToString(CultureInfo.InvariantCulture)
            : raw;
    }

    private static bool IsZero(string raw) => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x == 0;

    public void Dispose() => _xml.Dispose();
}
