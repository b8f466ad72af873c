using System.Globalization;
using System.Text.Json;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping;

/// <summary>Converts the text of one cell to its column's type, with the column's culture and exact format.</summary>
/// <remarks>
/// Decimal(p,s) values are never rounded: more than s significant decimals, or more than p−s integer digits, reject
/// the row, because a silently rounded amount is worse than a rejected one.
/// DateTime is a wall-clock value (<see cref="DateTimeKind.Unspecified"/>); text with an offset or Z is converted to
/// UTC first. DateTimeOffset text without an offset is taken as UTC, and every value is normalised to UTC (offset 0),
/// since most databases keep the instant, not the offset.
/// </remarks>
internal sealed partial class ColumnConverter
{
    private const NumberStyles DecimalStyle = NumberStyles.Float | NumberStyles.AllowThousands;
    // Rows are object[]: sharing the two boxes saves an allocation per bool cell.
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private readonly ColumnType _type;
    private readonly CultureInfo _culture;
    private readonly string? _format;
    private readonly int _precision;
    private readonly int _scale;
    private readonly decimal _integerLimit;
    private readonly char _decimalSeparator;
    private readonly bool _plainSigns;

    public ColumnConverter(ColumnMap map, CultureInfo culture)
    {
        _type = map.Type;
        _culture = culture;
        _format = string.IsNullOrEmpty(map.Format) ? null : map.Format;
        _precision = map.Precision ?? 0;
        _scale = map.Scale ?? 0;
        var integerDigits = _precision - _scale;
        var separator = culture.NumberFormat.NumberDecimalSeparator;
        _decimalSeparator = separator.Length == 1 ? separator[0] : '\0';
        // Integers are read without the runtime's parser only where its signs are the ASCII ones the plain parser reads.
        _plainSigns = culture.NumberFormat is { NegativeSign: "-", PositiveSign: "+" };
        _integerLimit = map.Precision is null || integerDigits > 28 ? decimal.MaxValue : Pow10(integerDigits);
    }

    /// <summary>ISO 8601 text (the column has no format) as a Date, DateTime or DateTimeOffset column stores it, read
    /// from UTF-16 text or UTF-8 bytes alike: a date-time with an offset in UTC, one without as written. False when the
    /// text is not ISO, or (<paramref name="outOfRange"/>) when it is but leaves the range once converted to UTC.</summary>
    private bool TryIso<TChar>(ReadOnlySpan<TChar> s, out object? value, out bool outOfRange)
        where TChar : unmanaged, System.Numerics.IBinaryInteger<TChar>
    {
        value = null;
        outOfRange = false;
        if (_format is not null) return false;
        if (_type == ColumnType.Date)
        {
            if (!IsoDateText.TryDate(s, out var date)) return false;
            value = date;
            return true;
        }
        if (_type is not (ColumnType.DateTime or ColumnType.DateTimeOffset) || !IsoDateText.TryDateTime(s, out var local, out var offset)) return false;
        outOfRange = !IsoDateText.TryToUtc(local, offset, out var utc);
        if (outOfRange) return false;
        // Each branch boxed on its own: a conditional of both would turn the DateTime into a DateTimeOffset.
        value = _type == ColumnType.DateTimeOffset ? new DateTimeOffset(utc, TimeSpan.Zero) : (object)(offset is null ? local : utc);
        return true;
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++) r *= 10;
        return r;
    }

    /// <summary>Converts non-empty text; on failure <paramref name="reason"/> says why (the value is reported apart).</summary>
    public bool TryConvert(ReadOnlySpan<char> s, string? original, out object? value, out string? reason)
    {
        reason = null;
        value = null;
        switch (_type)
        {
            case ColumnType.String:
                value = original is not null && original.Length == s.Length ? original : s.ToString();
                return true;
            case ColumnType.Int:
                if (int.TryParse(s, NumberStyles.Integer, _culture, out var i)) { value = i; return true; }
                return Fail(out reason, long.TryParse(s, NumberStyles.Integer, _culture, out _) ? "out of range for Int (32-bit integer)" : "not a valid Int (32-bit integer)");
            case ColumnType.Long:
                if (long.TryParse(s, NumberStyles.Integer, _culture, out var l)) { value = l; return true; }
                return Fail(out reason, "not a valid Long (64-bit integer)");
            case ColumnType.Decimal:
                return TryDecimal(s, out value, out reason);
            case ColumnType.Double:
                if (double.TryParse(s, DecimalStyle, _culture, out var d)) { value = d; return true; }
                return Fail(out reason, $"not a valid Double{InCulture}");
            case ColumnType.Bool:
                if (TryBool(s, out var b)) { value = b ? BoxedTrue : BoxedFalse; return true; }
                return Fail(out reason, "not a valid Bool (expected true/false, 1/0, yes/no or y/n)");
            case ColumnType.Date:
                if (TryIso(s, out value, out _)) return true;
                if (_format is null ? DateOnly.TryParse(s, _culture, DateTimeStyles.None, out var date)
                                    : DateOnly.TryParseExact(s, _format, _culture, DateTimeStyles.None, out date)) { value = date; return true; }
                return Fail(out reason, $"not a valid Date{Expected}");
            case ColumnType.DateTime:
                if (TryIso(s, out value, out var outOfRange)) return true;
                if (outOfRange) return Fail(out reason, "out of the DateTime range once converted to UTC");
                if (_format is null ? DateTime.TryParse(s, _culture, DateTimeStyles.AdjustToUniversal, out var dt)
                                    : DateTime.TryParseExact(s, _format, _culture, DateTimeStyles.AdjustToUniversal, out dt))
                {
                    value = DateTime.SpecifyKind(dt, DateTimeKind.Unspecified);
                    return true;
                }
                return Fail(out reason, $"not a valid DateTime{Expected}");
            case ColumnType.DateTimeOffset:
                if (TryIso(s, out value, out outOfRange)) return true;
                if (outOfRange) return Fail(out reason, "out of the DateTimeOffset range once converted to UTC");
                if (_format is null ? DateTimeOffset.TryParse(s, _culture, DateTimeStyles.AssumeUniversal, out var dto)
                                    : DateTimeOffset.TryParseExact(s, _format, _culture, DateTimeStyles.AssumeUniversal, out dto))
                {
                    value = dto.ToUniversalTime();
                    return true;
                }
                return Fail(out reason, $"not a valid DateTimeOffset{Expected}");
            case ColumnType.Guid:
                if (_format is null ? Guid.TryParse(s, out var g) : Guid.TryParseExact(s, _format, out g)) { value = g; return true; }
                return Fail(out reason, $"not a valid Guid{Expected}");
            case ColumnType.Json:
                return TryJson(s, original, out value, out reason);
            default:
                return Fail(out reason, $"unsupported type {_type}");
        }
    }

    private string InCulture => _culture.Name.Length == 0 ? "" : $" in culture {_culture.Name}";
    private string Expected => _format is null ? InCulture : $" in format '{_format}'";

    private bool TryDecimal(ReadOnlySpan<char> s, out object? value, out string? reason)
    {
        value = null;
        if (!PlainDecimalText.TryParse(s, _decimalSeparator, out var m) && !decimal.TryParse(s, DecimalStyle, _culture, out m)) return Fail(out reason, $"not a valid Decimal{InCulture}");
        if (FitsPrecision(m) is { } why) return Fail(out reason, why);
        value = m;
        reason = null;
        return true;
    }

    /// <summary>Null when <paramref name="m"/> fits the column's decimal(p,s), else why not.</summary>
    private string? FitsPrecision(decimal m)
    {
        if (_precision == 0) return null;
        if (m.Scale > _scale && decimal.Round(m, _scale) != m) return $"more than {_scale} decimal places for decimal({_precision},{_scale})";
        if (Math.Abs(decimal.Truncate(m)) >= _integerLimit) return $"too large for decimal({_precision},{_scale}): more than {_precision - _scale} integer digits";
        return null;
    }

    private static bool TryBool(ReadOnlySpan<char> s, out bool value)
    {
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s is "1" || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("y", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        value = false;
        return s.Equals("false", StringComparison.OrdinalIgnoreCase) || s is "0" || s.Equals("no", StringComparison.OrdinalIgnoreCase) || s.Equals("n", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryJson(ReadOnlySpan<char> s, string? original, out object? value, out string? reason)
    {
        value = null;
        var text = original is not null && original.Length == s.Length ? original : s.ToString();
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return Fail(out reason, $"not valid JSON: {e.Message}");
        }
        value = text;
        reason = null;
        return true;
    }

    private static bool Fail(out string? reason, string why)
    {
        reason = why;
        return false;
    }
}
