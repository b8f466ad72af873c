using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping;

internal sealed partial class ColumnConverter
{
    /// <summary>Converts the UTF-8 bytes of a field (trimmed as the column says, not empty) without decoding them, for
    /// the types whose parsers read UTF-8 as they read text: Int and Long (plain digits, else the runtime's own parser
    /// with the column's culture), plain decimals, booleans, and ISO dates and times when the column has no format.
    /// False when this path does not take the value or the value does not convert: the caller then decodes and converts
    /// it as text, which gives the same value or the reject and its reason, so this path never decides anything the
    /// text path would decide otherwise.</summary>
    public bool TryConvertUtf8(ReadOnlySpan<byte> s, out object? value)
    {
        value = null;
        switch (_type)
        {
            case ColumnType.Int when TryInt(s, out var i):
                value = i;
                return true;
            case ColumnType.Long when TryLong(s, out var l):
                value = l;
                return true;
            // A non-ASCII separator could match a byte inside a multi-byte character: such cultures take the text path.
            case ColumnType.Decimal when _decimalSeparator is > '\0' and < '\u0080' && PlainDecimalText.TryParse(s, _decimalSeparator, out var mantissa, out var scale, out var negative)
                                         && FitsPrecision(mantissa, Math.Max(scale, 0)):
                value = PlainDecimalText.ToDecimal(mantissa, Math.Max(scale, 0), negative);
                return true;
            case ColumnType.Bool when TryBool(s, out var b):
                value = b ? BoxedTrue : BoxedFalse;
                return true;
            case ColumnType.Date or ColumnType.DateTime or ColumnType.DateTimeOffset when TryIso(s, out var iso, out _):
                value = iso;
                return true;
            default:
                return false;
        }
    }

    private bool TryInt(ReadOnlySpan<byte> s, out int value)
    {
        if (_plainSigns && PlainDecimalText.TryParseInteger(s, out var l) && l is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)l;
            return true;
        }
        return int.TryParse(s, NumberStyles.Integer, _culture, out value);
    }

    private bool TryLong(ReadOnlySpan<byte> s, out long value) =>
        (_plainSigns && PlainDecimalText.TryParseInteger(s, out value)) || long.TryParse(s, NumberStyles.Integer, _culture, out value);

    /// <summary><see cref="FitsPrecision(decimal)"/> for the plain decimal <paramref name="mantissa"/> / 10^<paramref name="scale"/>
    /// (at most 18 digits), in integer arithmetic.</summary>
    private bool FitsPrecision(ulong mantissa, int scale)
    {
        if (_precision == 0) return true;
        // Decimals beyond the column's scale must all be zero (no rounding).
        if (scale > _scale && mantissa % Pow10Long[scale - _scale] != 0) return false;
        var integerDigits = _precision - _scale;
        return integerDigits >= Pow10Long.Length || mantissa / Pow10Long[scale] < Pow10Long[integerDigits];
    }

    /// <summary>10^0 to 10^19, every power a <see cref="ulong"/> holds.</summary>
    private static readonly ulong[] Pow10Long = Powers();

    private static ulong[] Powers()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var n = 1; n < powers.Length; n++) powers[n] = powers[n - 1] * 10;
        return powers;
    }

    private static bool TryBool(ReadOnlySpan<byte> s, out bool value)
    {
        value = s.Length switch
        {
            1 => s[0] is (byte)'1' or (byte)'y' or (byte)'Y',
            3 => Ascii.EqualsIgnoreCase(s, "yes"u8),
            4 => Ascii.EqualsIgnoreCase(s, "true"u8),
            _ => false,
        };
        return value || s.Length switch
        {
            1 => s[0] is (byte)'0' or (byte)'n' or (byte)'N',
            2 => Ascii.EqualsIgnoreCase(s, "no"u8),
            5 => Ascii.EqualsIgnoreCase(s, "false"u8),
            _ => false,
        };
    }
}
