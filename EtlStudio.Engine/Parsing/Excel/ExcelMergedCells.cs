using System.Xml;

namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>The merged ranges of a sheet, so that only a range's top-left cell keeps its value (as Excel shows it) even
/// when a writer left values in the others. SpreadsheetML lists the ranges after the cells, so they are read by a
/// first pass over the sheet part.</summary>
internal sealed class ExcelMergedCells
{
    private readonly (int Row1, int Col1, int Row2, int Col2)[] _ranges;
    private readonly List<(int Row1, int Col1, int Row2, int Col2)> _active = [];
    private int _next;
    private int _row;

    private ExcelMergedCells((int, int, int, int)[] ranges) => _ranges = ranges;

    public static ExcelMergedCells None { get; } = new([]);

    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>Reads the <c>mergeCell</c> ranges of the sheet part in <paramref name="part"/> (disposed).</summary>
    public static ExcelMergedCells Read(Stream part)
    {
        var ranges = new List<(int, int, int, int)>();
        using var xml = ExcelXml.Open(part);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (xml.LocalName == "sheetData") xml.Skip();
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "mergeCell" && xml.GetAttribute("ref") is { } reference)
            {
                var colon = reference.IndexOf(':');
                if (colon > 0 && ExcelCellReference.TryParse(reference.AsSpan(0, colon), out var c1, out var r1)
                    && ExcelCellReference.TryParse(reference.AsSpan(colon + 1), out var c2, out var r2) && r1 > 0 && r2 > 0)
                {
                    ranges.Add((Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2)));
                }
            }
        }
        return new([.. ranges.OrderBy(r => r.Item1)]);
    }

    /// <summary>Moves to row <paramref name="row"/> (rows only go forward).</summary>
    public void Row(int row)
    {
        if (row < _row)
        {
            // Rows out of order: start over rather than answer wrong.
            _next = 0;
            _active.Clear();
        }
        _row = row;
        _active.RemoveAll(r => r.Row2 < row);
        while (_next < _ranges.Length && _ranges[_next].Row1 <= row)
        {
            if (_ranges[_next].Row2 >= row) _active.Add(_ranges[_next]);
            _next++;
        }
    }

    /// <summary>Whether the cell at <paramref name="column"/> of the current row is inside a merged range but not its
    /// top-left cell.</summary>
    public bool IsHidden(int column)
    {
        foreach (var r in _active)
        {
            if (column >= r.Col1 && column <= r.Col2 && (column != r.Col1 || _row != r.Row1)) return true;
        }
        return false;
    }
}
