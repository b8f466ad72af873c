namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>Tells date and time number formats from number formats, as spreadsheet programs do: the built-in ids
/// 14–22 and 45–47 (ECMA-376 Part 1, 18.8.30), and custom codes that hold d, m, y, h or s outside quoted text,
/// escapes and bracketed colours or conditions (<c>[h]</c>, <c>[mm]</c>, <c>[ss]</c> are elapsed time).</summary>
internal static class ExcelNumberFormats
{
    public static ExcelDateKind Classify(int id, string? code)
    {
        if (code is null)
        {
            return id switch
            {
                >= 14 and <= 17 => ExcelDateKind.Date,
                22 => ExcelDateKind.DateTime,
                >= 18 and <= 21 or >= 45 and <= 47 => ExcelDateKind.Time,
                _ => ExcelDateKind.None,
            };
        }
        return Classify(code);
    }

    public static ExcelDateKind Classify(string code)
    {
        // "General" holds none of d, m, y, h, s, but "AM/PM" does (with h it is a time).
        code = code.Replace("General", "", StringComparison.OrdinalIgnoreCase);
        bool date = false, time = false;
        // Only the first section counts (positive numbers); the others are for negatives, zero and text.
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case ';':
                    i = code.Length;
                    break;
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    var inner = end < 0 ? "" : code[(i + 1)..end].ToLowerInvariant();
                    if (inner.Length > 0 && inner.AsSpan().IndexOfAnyExcept("hms") < 0) time = true;
                    i = end < 0 ? code.Length : end;
                    break;
                case 'd' or 'D' or 'y' or 'Y' or 'm' or 'M':
                    date = true;
                    break;
                case 'h' or 'H' or 's' or 'S':
                    time = true;
                    break;
            }
        }
        // "m" alone means minutes only next to h or s ("h:mm", "mm:ss"); then a format without d or y is a time.
        if (time && !HasDayOrYear(code)) return ExcelDateKind.Time;
        return date && time ? ExcelDateKind.DateTime : date ? ExcelDateKind.Date : time ? ExcelDateKind.Time : ExcelDateKind.None;
    }

    private static bool HasDayOrYear(string code)
    {
        var first = code.Split(';')[0];
        var inQuote = false;
        for (var i = 0; i < first.Length; i++)
        {
            var c = first[i];
            if (c == '"') inQuote = !inQuote;
            else if (inQuote) continue;
            else if (c == '\\') i++;
            else if (c == '[') i = first.IndexOf(']', i) is var e and >= 0 ? e : first.Length;
            else if (c is 'd' or 'D' or 'y' or 'Y') return true;
        }
        return false;
    }
}
