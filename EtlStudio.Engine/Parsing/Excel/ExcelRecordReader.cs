using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>Records are the rows of one worksheet, or of every worksheet in order (<see cref="ParseDefinition.Sheet"/>
/// <c>*</c>). Fields are named by the header row (<see cref="ParseDefinition.HeaderRow"/>), or <c>Column1</c>… by
/// position without one or where a header cell is empty or a row reaches past the header.</summary>
/// <remarks><see cref="IRecordReader.Origin"/> is <c>file[Sheet]</c> and <see cref="IRecordReader.RecordNumber"/> the
/// row number as Excel shows it, so a reject points at the cell. Rows without any value are skipped (Excel keeps
/// formatted empty rows). The pseudo-field <see cref="SheetField"/> reads the sheet's name. An error cell
/// (<c>#N/A</c>, <c>#DIV/0!</c>) in a bound field rejects the row, naming the cell; in a field nothing reads it is
/// ignored.</remarks>
internal sealed class ExcelRecordReader : IRecordReader
{
    /// <summary>The field that reads the name of the sheet a row came from.</summary>
    public const string SheetField = "#sheet";
    /// <summary>The <see cref="ParseDefinition.Sheet"/> that means every worksheet.</summary>
    public const string AllSheets = "*";

    /// <summary>What <see cref="ColumnOf"/> gives for <see cref="SheetField"/>.</summary>
    private const int SheetColumn = -1;
    private readonly ExcelWorkbook _book;
    private readonly string _document;
    private readonly Queue<string> _sheets;
    private readonly int _headerRow;
    private readonly int _skipRows;
    private readonly List<string> _fields = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly List<string> _bound = [];
    private readonly bool _requireRows;
    private ExcelSheetReader? _sheet;
    private List<string> _header = [];
    private Dictionary<string, int> _columnOf = new(StringComparer.Ordinal);
    private int[] _columns = [];
    private bool _pending;

    private ExcelRecordReader(ExcelWorkbook book, string document, IEnumerable<string> sheets, ParseDefinition parse, bool requireRows)
    {
        _book = book;
        _document = document;
        _sheets = new Queue<string>(sheets);
        _headerRow = Math.Max(0, parse.HeaderRow);
        _skipRows = Math.Max(0, parse.SkipRows);
        _requireRows = requireRows;
        Origin = document;
        if (!requireRows) AddField(SheetField);
        // One sheet: its header is read now, so a mapped field it lacks is known before the first record (as in CSV).
        else NextSheet();
    }

    /// <summary>Opens the workbook and selects the sheets <paramref name="parse"/> asks for.</summary>
    public static async ValueTask<IRecordReader> OpenAsync(SourceDocument document, ParseDefinition parse, CancellationToken cancellationToken)
    {
        var book = await ExcelWorkbook.OpenAsync(document.Content, document.Name, cancellationToken);
        try
        {
            var all = parse.Sheet.Trim() == AllSheets;
            var sheets = all ? book.Sheets : [Select(book, parse.Sheet)];
            return new ExcelRecordReader(book, document.Name, sheets, parse, requireRows: !all);
        }
        catch
        {
            book.Dispose();
            throw;
        }
    }

    private static string Select(ExcelWorkbook book, string wanted)
    {
        var name = wanted.Trim();
        if (book.Sheets.Count == 0) throw new EtlDataException("the workbook has no worksheet", book.Origin);
        if (name.Length == 0) return book.Sheets[0];
        if ((book.Sheets.FirstOrDefault(s => s == name) ?? book.Sheets.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase))) is { } found)
        {
            return found;
        }
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 1 && position <= book.Sheets.Count)
        {
            return book.Sheets[position - 1];
        }
        throw new EtlDataException(
            $"the workbook has no sheet '{name}'; its sheets are {string.Join(", ", book.Sheets.Select(s => $"'{s}'"))} (or give a position from 1 to {book.Sheets.Count}, or * for all)",
            book.Origin);
    }

    public string Origin { get; private set; }
    public long RecordNumber { get; private set; }
    public IReadOnlyList<string> Fields => _fields;

    public int Bind(string fieldPath)
    {
        var handle = _bound.IndexOf(fieldPath);
        if (handle < 0)
        {
            _bound.Add(fieldPath);
            Array.Resize(ref _columns, _bound.Count);
            handle = _bound.Count - 1;
            _columns[handle] = ColumnOf(fieldPath);
        }
        // A single sheet with a header row: a name it does not have (nor ColumnN past it) cannot appear.
        return _requireRows && _headerRow > 0 && _columns[handle] == 0 && !IsPositional(fieldPath) ? -1 : handle;
    }

    public string? GetValue(int handle) => handle switch
    {
        _ when (uint)handle >= (uint)_columns.Length || _sheet is null => null,
        _ when _columns[handle] == SheetColumn => _sheet.Sheet,
        _ when _columns[handle] > 0 => _sheet.Value(_columns[handle]),
        _ => null,
    };

    public string? RecordError => FirstBoundError() is var (column, error) && error is not null
        ? $"cell {ExcelCellReference.ColumnLetters(column)}{RecordNumber} holds {(error.StartsWith('#') ? "the error value " + error : error)}"
        : null;

    public string? RecordErrorField => FirstBoundError() is var (column, error) && error is not null
        ? $"{NameOf(column)} (column {ExcelCellReference.ColumnLetters(column)})"
        : null;

    public string? RecordText(int maxChars)
    {
        if (_sheet is null) return null;
        var text = new StringBuilder();
        for (var c = 1; c <= _sheet.Width && text.Length <= maxChars; c++)
        {
            if (c > 1) text.Append('\t');
            text.Append(_sheet.Value(c) ?? _sheet.Error(c));
        }
        return text.Length > maxChars ? string.Concat(text.ToString(0, maxChars), "…") : text.ToString();
    }

    private (int Column, string? Error) FirstBoundError()
    {
        if (_sheet is null) return (0, null);
        foreach (var column in _columns)
        {
            if (column > 0 && _sheet.Error(column) is { } error) return (column, error);
        }
        return (0, null);
    }

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_sheet is null && !NextSheet()) return ValueTask.FromResult(false);
            var sheet = _sheet!;
            if (_pending || sheet.Read())
            {
                _pending = false;
                if (sheet.RowNumber <= _skipRows || !sheet.HasContent) continue;
                AddBeyondHeader(sheet);
                RecordNumber = sheet.RowNumber;
                return ValueTask.FromResult(true);
            }
            sheet.Dispose();
            _sheet = null;
        }
    }

    private bool NextSheet()
    {
        if (!_sheets.TryDequeue(out var name)) return false;
        _sheet = new ExcelSheetReader(_book, name);
        Origin = $"{_document}[{name}]";
        _header = [];
        if (_headerRow > 0)
        {
            var reached = false;
            while (!reached && _sheet.Read())
            {
                if (_sheet.RowNumber < _headerRow) continue;
                reached = true;
                if (_sheet.RowNumber == _headerRow) _header = [.. Enumerable.Range(1, _sheet.Width).Select(HeaderName)];
                // A sheet whose header row is left out (no row element) starts its records at the row after it.
                else _pending = true;
            }
            if (!reached && _requireRows)
            {
                _sheet.Dispose();
                _sheet = null;
                throw new EtlDataException($"sheet '{name}' has no row {_headerRow} (its header row): the sheet is empty", Origin);
            }
        }
        _columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < _header.Count; c++)
        {
            _columnOf.TryAdd(_header[c], c + 1);
            AddField(_header[c]);
        }
        for (var h = 0; h < _bound.Count; h++) _columns[h] = ColumnOf(_bound[h]);
        return true;
    }

    private string HeaderName(int column) =>
        _sheet!.Value(column)?.Trim() is { Length: > 0 } name ? name : Positional(column);

    private static string Positional(int column) => "Column" + column.ToString(CultureInfo.InvariantCulture);

    private string NameOf(int column) => column <= _header.Count ? _header[column - 1] : Positional(column);

    /// <summary>The 1-based column a field reads in the current sheet: its header cell, or ColumnN past the header
    /// (or without one); 0 when the sheet does not have it.</summary>
    private int ColumnOf(string field)
    {
        if (field == SheetField) return SheetColumn;
        if (_columnOf.TryGetValue(field, out var column)) return column;
        return IsPositional(field, out var n) && n > _header.Count ? n : 0;
    }

    private static bool IsPositional(string field) => IsPositional(field, out _);

    private static bool IsPositional(string field, out int column)
    {
        column = 0;
        return field.StartsWith("Column", StringComparison.Ordinal)
            && int.TryParse(field.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out column)
            && column is > 0 and <= ExcelCellReference.MaxColumns;
    }

    private void AddBeyondHeader(ExcelSheetReader sheet)
    {
        for (var c = _header.Count + 1; c <= sheet.Width; c++)
        {
            if (sheet.Value(c) is not null || sheet.Error(c) is not null) AddField(Positional(c));
        }
    }

    private void AddField(string name)
    {
        if (_known.Add(name)) _fields.Add(name);
    }

    public ValueTask DisposeAsync()
    {
        _sheet?.Dispose();
        _book.Dispose();
        return ValueTask.CompletedTask;
    }
}
