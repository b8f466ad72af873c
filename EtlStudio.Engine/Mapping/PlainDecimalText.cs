using System.Numerics;

namespace EtlStudio.Engine.Mapping;

/// <summary>Fast path for plain decimals (<c>-1234.5678</c>: optional sign, up to 18 digits, one separator) and plain
/// integers (no separator), which the general parsers handle several times slower. Exponents, thousands separators and
/// longer numbers fall back to them. Reads UTF-16 text or the UTF-8 bytes of a CSV field alike, so a field needs no
/// decoding.</summary>
internal static class PlainDecimalText
{
    /// <summary>Up to 18 digits always fit in a <see cref="ulong"/> (and in a <see cref="long"/>).</summary>
    private const int MaxDigits = 18;

    public static bool TryParse<TChar>(ReadOnlySpan<TChar> s, char separator, out decimal value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (!TryParse(s, separator, out var mantissa, out var scale, out var negative))
        {
            value = 0;
            return false;
        }
        value = ToDecimal(mantissa, Math.Max(scale, 0), negative);
        return true;
    }

    /// <summary>An optional sign and up to 18 digits, as <see cref="long.TryParse(string, out long)"/> reads them with
    /// <c>-</c> and <c>+</c> as the signs.</summary>
    public static bool TryParseInteger<TChar>(ReadOnlySpan<TChar> s, out long value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        if (!TryParse(s, '.', out var mantissa, out var scale, out var negative) || scale >= 0) return false;
        value = negative ? -(long)mantissa : (long)mantissa;
        return true;
    }

    /// <summary>The digits as one number, and how many of them follow the <paramref name="separator"/> (−1 without one).</summary>
    public static bool TryParse<TChar>(ReadOnlySpan<TChar> s, char separator, out ulong mantissa, out int scale, out bool negative)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var i = 0;
        negative = false;
        if (s.Length > 0 && (At(s, 0) == '-' || At(s, 0) == '+'))
        {
            negative = At(s, 0) == '-';
            i = 1;
        }
        mantissa = 0;
        scale = -1;
        var digits = 0;
        for (; i < s.Length; i++)
        {
            var c = At(s, i);
            if (c - '0' <= 9)
            {
                if (++digits > MaxDigits) return false;
                mantissa = mantissa * 10 + (c - '0');
                if (scale >= 0) scale++;
            }
            else if (c == separator && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }
        return digits > 0;
    }

    public static decimal ToDecimal(ulong mantissa, int scale, bool negative) =>
        new((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);

    /// <summary>The code unit as a number; a UTF-8 byte of a multi-byte sequence is never a digit, sign or ASCII separator.</summary>
    private static uint At<TChar>(ReadOnlySpan<TChar> s, int i) where TChar : unmanaged, IBinaryInteger<TChar> => uint.CreateTruncating(s[i]);
}
