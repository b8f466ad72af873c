namespace EtlStudio.Engine.Mapping;

/// <summary>Fast path for plain decimals (<c>-1234.5678</c>: optional sign, up to 18 digits, one separator), which the
/// general parser handles ten times slower. Exponents, thousands separators and longer numbers fall back to it.</summary>
internal static class PlainDecimalText
{
    public static bool TryParse(ReadOnlySpan<char> s, char separator, out decimal value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 18) return false;
                mantissa = mantissa * 10 + (ulong)(c - '0');
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
}
