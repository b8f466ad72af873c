namespace EtlStudio.Engine.Mapping;

/// <summary>Fast path for ISO 8601 dates and times (<c>yyyy-MM-dd</c>, then optionally <c>T</c> or a space,
/// <c>HH:mm[:ss[.fffffff]]</c> and <c>Z</c> or <c>±HH[:mm]</c>), the form most exports use. The general culture-aware
/// parser costs ten times as much; anything this does not recognise falls back to it.</summary>
internal static class IsoDateText
{
    public static bool TryDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        return s.Length == 10 && TryDatePart(s, out var y, out var m, out var d) && TryCreate(y, m, d, out date);
    }

    /// <summary>Parses; <paramref name="offset"/> is null when the text has none.</summary>
    public static bool TryDateTime(ReadOnlySpan<char> s, out DateTime local, out TimeSpan? offset)
    {
        local = default;
        offset = null;
        if (s.Length < 10 || !TryDatePart(s, out var y, out var mo, out var d) || !TryCreate(y, mo, d, out var date)) return false;
        if (s.Length == 10)
        {
            local = date.ToDateTime(TimeOnly.MinValue);
            return true;
        }
        if (s.Length < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return false;
        if (!Two(s, 11, out var h) || !Two(s, 14, out var mi) || h > 23 || mi > 59) return false;
        var i = 16;
        var sec = 0;
        long fraction = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (!Two(s, i + 1, out sec) || sec > 59) return false;
            i += 3;
            if (i < s.Length && (s[i] == '.' || s[i] == ','))
            {
                var digits = 0;
                for (i++; i < s.Length && char.IsAsciiDigit(s[i]); i++, digits++)
                {
                    if (digits < 7) fraction = fraction * 10 + (s[i] - '0');
                }
                if (digits == 0) return false;
                for (; digits < 7; digits++) fraction *= 10;
            }
        }
        if (!TryOffset(s[i..], out offset)) return false;
        local = date.ToDateTime(new TimeOnly(h, mi, sec)).AddTicks(fraction);
        return true;
    }

    /// <summary>The wall-clock time minus its offset (none: taken as UTC), unless that leaves the DateTime range.</summary>
    public static bool TryToUtc(DateTime local, TimeSpan? offset, out DateTime utc)
    {
        var ticks = local.Ticks - (offset?.Ticks ?? 0);
        utc = ticks is >= 0 and <= 3155378975999999999 ? new DateTime(ticks, DateTimeKind.Unspecified) : default;
        return ticks is >= 0 and <= 3155378975999999999;
    }

    private static bool TryOffset(ReadOnlySpan<char> s, out TimeSpan? offset)
    {
        offset = null;
        if (s.IsEmpty) return true;
        if (s is "Z" or "z")
        {
            offset = TimeSpan.Zero;
            return true;
        }
        if (s[0] != '+' && s[0] != '-') return false;
        var sign = s[0] == '-' ? -1 : 1;
        int h, m = 0;
        switch (s.Length)
        {
            case 3 when Two(s, 1, out h): break;
            case 5 when Two(s, 1, out h) && Two(s, 3, out m): break;
            case 6 when s[3] == ':' && Two(s, 1, out h) && Two(s, 4, out m): break;
            default: return false;
        }
        if (h > 14 || m > 59) return false;
        offset = new TimeSpan(sign * h, sign * m, 0);
        return true;
    }

    private static bool TryDatePart(ReadOnlySpan<char> s, out int year, out int month, out int day)
    {
        month = day = 0;
        year = 0;
        return s[4] == '-' && s[7] == '-' && Two(s, 0, out var c) && Two(s, 2, out var yy) && Two(s, 5, out month) && Two(s, 8, out day)
               && (year = c * 100 + yy) > 0;
    }

    private static bool TryCreate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool Two(ReadOnlySpan<char> s, int at, out int value)
    {
        value = 0;
        if (at + 1 >= s.Length || !char.IsAsciiDigit(s[at]) || !char.IsAsciiDigit(s[at + 1])) return false;
        value = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return true;
    }
}
