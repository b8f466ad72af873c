using System.Numerics;

namespace EtlStudio.Engine.Mapping;

/// <summary>Fast path for plain decimals (<c>-1234.5678</c>: optional sign, up to 18 digits, one separator), which the
/// general parser handles ten times slower. Exponents, thousands separators and longer numbers fall back to it.
/// Reads UTF-16 text or the UTF-8 bytes of a CSV field alike, so a field needs no decoding.</summary>
internal static class PlainDecimalText
{
    public static bool TryParse<TChar>(ReadOnlySpan<TChar> s, char separator, out decimal value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (At(s, 0) == '-' || At(s, 0) == '+'))
        {
            negative = At(s, 0) == '-';
            i = 1;
        }
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < s.Length; i++)
        {
            var c = At(s, i);
            if (c - '0' <= 9)
            {
                if (++digits > 18) return false;
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
        if (digits == 0) return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>The code unit as a number; a UTF-8 byte of a multi-byte sequence is never a digit, sign or ASCII separator.</summary>
    private static uint At<TChar>(ReadOnlySpan<TChar> s, int i) where TChar : unmanaged, IBinaryInteger<TChar> => uint.CreateTruncating(s[i]);
}
