using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping;

internal sealed partial class ColumnConverter
{
    /// <summary>Converts the UTF-8 bytes of a field (trimmed as the column says, not empty) without decoding them, for
    /// the types whose parsers read UTF-8 as they read text: Int and Long (the runtime's own parser, with the
    /// column's culture), plain decimals and booleans. False when this path does not take the value or the value does
    /// not convert: the caller then decodes and converts it as text, which gives the same value or the reject and its
    /// reason, so this path never decides anything the text path would decide otherwise.</summary>
    public bool TryConvertUtf8(ReadOnlySpan<byte> s, out object? value)
    {
        value = null;
        switch (_type)
        {
            case ColumnType.Int when int.TryParse(s, NumberStyles.Integer, _culture, out var i):
                value = i;
                return true;
            case ColumnType.Long when long.TryParse(s, NumberStyles.Integer, _culture, out var l):
                value = l;
                return true;
            // A non-ASCII separator could match a byte inside a multi-byte character: such cultures take the text path.
            case ColumnType.Decimal when _decimalSeparator is > '\0' and < '\u0080' && PlainDecimalText.TryParse(s, _decimalSeparator, out var m) && FitsPrecision(m) is null:
                value = m;
                return true;
            case ColumnType.Bool when TryBool(s, out var b):
                value = b ? BoxedTrue : BoxedFalse;
                return true;
            default:
                return false;
        }
    }

    private static bool TryBool(ReadOnlySpan<byte> s, out bool value)
    {
        if (Ascii.EqualsIgnoreCase(s, "true"u8) || s is [(byte)'1'] || Ascii.EqualsIgnoreCase(s, "yes"u8) || Ascii.EqualsIgnoreCase(s, "y"u8))
        {
            value = true;
            return true;
        }
        value = false;
        return Ascii.EqualsIgnoreCase(s, "false"u8) || s is [(byte)'0'] || Ascii.EqualsIgnoreCase(s, "no"u8) || Ascii.EqualsIgnoreCase(s, "n"u8);
    }
}
