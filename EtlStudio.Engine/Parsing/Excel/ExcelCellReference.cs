namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>A1-style cell references: column letters and row numbers, 1-based.</summary>
internal static class ExcelCellReference
{
    /// <summary>Columns in a sheet (A to XFD).</summary>
    public const int MaxColumns = 16_384;
    /// <summary>Rows in a sheet.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Parses <c>AB12</c> (or <c>AB</c>, or <c>$AB$12</c>); false when it is not a reference inside a sheet.
    /// A missing row is 0.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int column, out int row)
    {
        column = 0;
        row = 0;
        var i = 0;
        if (i < text.Length && text[i] == '$') i++;
        for (; i < text.Length && char.IsAsciiLetter(text[i]); i++)
        {
            column = column * 26 + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            if (column > MaxColumns) return false;
        }
        if (column == 0) return false;
        if (i < text.Length && text[i] == '$') i++;
        for (; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
            row = row * 10 + (text[i] - '0');
            if (row > MaxRows) return false;
        }
        return true;
    }

    /// <summary>The letters of 1-based column <paramref name="column"/> (1 = A, 27 = AA).</summary>
    public static string ColumnLetters(int column)
    {
        Span<char> letters = stackalloc char[3];
        var i = letters.Length;
        for (var n = column; n > 0; n = (n - 1) / 26) letters[--i] = (char)('A' + (n - 1) % 26);
        return new string(letters[i..]);
    }
}
