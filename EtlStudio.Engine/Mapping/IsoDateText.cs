using System.Numerics;

namespace EtlStudio.Engine.Mapping;

/// <summary>Fast path for ISO 8601 dates and times (<c>yyyy-MM-dd</c>, then optionally <c>T</c> or a space,
/// <c>HH:mm[:ss[.fffffff]]</c> and <c>Z</c> or <c>±HH[:mm]</c>), the form most exports use. The general culture-aware
/// parser costs ten times as much; anything this does not recognise falls back to it. Reads UTF-16 text or the UTF-8
/// bytes of a CSV field alike (every character it accepts is ASCII), so a field needs no decoding.</summary>
internal static class IsoDateText
{
    public static bool TryDate<TChar>(ReadOnlySpan<TChar> s, out DateOnly date) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        date = default;
        return s.Length == 10 && TryDatePart(s, out var y, out var m, out var d) && TryCreate(y, m, d, out date);
    }

    /// <summary>Parses; <paramref name="offset"/> is null when the text has none.</summary>
    public static bool TryDateTime<TChar>(ReadOnlySpan<TChar> s, out DateTime local, out TimeSpan? offset) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        local = default;
        offset = null;
        if (s.Length < 10 || !TryDatePart(s, out var y, out var mo, out var d) || !TryCreate(y, mo, d, out var date)) return false;
        if (s.Length == 10)
        {
            local = date.ToDateTime(TimeOnly.MinValue);
            return true;
        }
        if (s.Length < 16 || (At(s, 10) != 'T' && At(s, 10) != ' ') || At(s, 13) != ':') return false;
        if (!Two(s, 11, out var h) || !Two(s, 14, out var mi) || h > 23 || mi > 59) return false;
        var i = 16;
        var sec = 0;
        long fraction = 0;
        if (i < s.Length && At(s, i) == ':')
        {
            if (!Two(s, i + 1, out sec) || sec > 59) return false;
            i += 3;
            if (i < s.Length && (At(s, i) == '.' || At(s, i) == ','))
            {
                var digits = 0;
                for (i++; i < s.Length && At(s, i) - '0' <= 9; i++, digits++)
                {
                    if (digits < 7) fraction = fraction * 10 + (At(s, i) - '0');
                }
                if (digits == 0) return false;
                for (; digits < 7; digits++) fraction *= 10;
            }
        }
        if (!TryOffset(s[i..], out offset)) return false;
        local = new DateTime(date.DayNumber * TimeSpan.TicksPerDay + h * TimeSpan.TicksPerHour + mi * TimeSpan.TicksPerMinute + sec * TimeSpan.TicksPerSecond + fraction);
        return true;
    }

    /// <summary>The wall-clock time minus its offset (none: taken as UTC), unless that leaves the DateTime range.</summary>
    public static bool TryToUtc(DateTime local, TimeSpan? offset, out DateTime utc)
    {
        var ticks = local.Ticks - (offset?.Ticks ?? 0);
        utc = ticks is >= 0 and <= 3155378975999999999 ? new DateTime(ticks, DateTimeKind.Unspecified) : default;
        return ticks is >= 0 and <= 3155378975999999999;
    }

    private static bool TryOffset<TChar>(ReadOnlySpan<TChar> s, out TimeSpan? offset) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        offset = null;
        if (s.IsEmpty) return true;
        if (s.Length == 1 && (At(s, 0) == 'Z' || At(s, 0) == 'z'))
        {
            offset = TimeSpan.Zero;
            return true;
        }
        if (At(s, 0) != '+' && At(s, 0) != '-') return false;
        var sign = At(s, 0) == '-' ? -1 : 1;
        int h, m = 0;
        switch (s.Length)
        {
            case 3 when Two(s, 1, out h): break;
            case 5 when Two(s, 1, out h) && Two(s, 3, out m): break;
            case 6 when At(s, 3) == ':' && Two(s, 1, out h) && Two(s, 4, out m): break;
            default: return false;
        }
        if (h > 14 || m > 59) return false;
        offset = new TimeSpan(sign * h, sign * m, 0);
        return true;
    }

    private static bool TryDatePart<TChar>(ReadOnlySpan<TChar> s, out int year, out int month, out int day) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        month = day = 0;
        year = 0;
        return At(s, 4) == '-' && At(s, 7) == '-' && Two(s, 0, out var c) && Two(s, 2, out var yy) && Two(s, 5, out month) && Two(s, 8, out day)
               && (year = c * 100 + yy) > 0;
    }

    private static bool TryCreate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool Two<TChar>(ReadOnlySpan<TChar> s, int at, out int value) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        if (at + 1 >= s.Length) return false;
        var tens = At(s, at) - '0';
        var ones = At(s, at + 1) - '0';
        if (tens > 9 || ones > 9) return false;
        value = (int)(tens * 10 + ones);
        return true;
    }

    /// <summary>The code unit as a number; a UTF-8 byte of a multi-byte sequence is never an ASCII character.</summary>
    private static uint At<TChar>(ReadOnlySpan<TChar> s, int i) where TChar : unmanaged, IBinaryInteger<TChar> => uint.CreateTruncating(s[i]);
}
