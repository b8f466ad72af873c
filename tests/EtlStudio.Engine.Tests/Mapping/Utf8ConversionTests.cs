using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using Xunit;

namespace EtlStudio.Engine.Tests.Mapping;

/// <summary>The UTF-8 path of <see cref="ColumnConverter.TryConvertUtf8"/> must give exactly what the text path gives,
/// or leave the value to it.</summary>
public sealed class Utf8ConversionTests
{
    public static TheoryData<ColumnType, string, string?> Cases => new()
    {
        { ColumnType.Int, "2147483647", null }, { ColumnType.Int, "-2147483648", null }, { ColumnType.Int, "2147483648", null },
        { ColumnType.Int, "+7", null }, { ColumnType.Int, " 7 ", null }, { ColumnType.Int, "\t-7\r", null }, { ColumnType.Int, "1e3", null },
        { ColumnType.Int, "1,000", null }, { ColumnType.Int, "0x10", null }, { ColumnType.Int, "--1", null }, { ColumnType.Int, "\u00a07\u00a0", null },
        { ColumnType.Int, "٣", null }, { ColumnType.Int, "7", "de-DE" }, { ColumnType.Int, "-7", "sv-SE" }, { ColumnType.Int, "\u22127", "sv-SE" },
        { ColumnType.Long, "9223372036854775807", null }, { ColumnType.Long, "-9223372036854775808", null }, { ColumnType.Long, "9223372036854775808", null },
        { ColumnType.Long, "+0", null }, { ColumnType.Long, "-0", null },
        { ColumnType.Decimal, "12.3456", null }, { ColumnType.Decimal, "+12.3456", null }, { ColumnType.Decimal, "-0.00001", null },
        { ColumnType.Decimal, "12.34567", null }, { ColumnType.Decimal, "12.34560", null }, { ColumnType.Decimal, "123456789.1", null },
        { ColumnType.Decimal, "99999999.9999", null }, { ColumnType.Decimal, "1e3", null }, { ColumnType.Decimal, "1.5E-2", null },
        { ColumnType.Decimal, "1,234.5", null }, { ColumnType.Decimal, "1234,5", "de-DE" }, { ColumnType.Decimal, "1234.5", "de-DE" },
        { ColumnType.Decimal, "999999999999999999", null }, { ColumnType.Decimal, "1234567890123456789", null }, { ColumnType.Decimal, ".5", null },
        { ColumnType.Decimal, "5.", null }, { ColumnType.Decimal, "1.2.3", null }, { ColumnType.Decimal, "-", null }, { ColumnType.Decimal, " 1.5 ", null },
        { ColumnType.Decimal, "1 234,5", "fr-FR" }, { ColumnType.Decimal, "1\u202f234,5", "fr-FR" },
        { ColumnType.Bool, "TRUE", null }, { ColumnType.Bool, "yEs", null }, { ColumnType.Bool, "N", null }, { ColumnType.Bool, "1", null },
        { ColumnType.Bool, "01", null }, { ColumnType.Bool, "truth", null }, { ColumnType.Bool, "ye\u017f", null }, { ColumnType.Bool, " false ", null },
        { ColumnType.DateTime, "2024-02-30 10:00:00", null }, { ColumnType.Date, "2024-02-29", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_UTF8_path_gives_what_the_text_path_gives_or_leaves_the_value_to_it(ColumnType type, string text, string? culture)
    {
        var map = new ColumnMap { TargetColumn = "c", SourceField = "c", Type = type, Culture = culture, Precision = type == ColumnType.Decimal ? 12 : null, Scale = type == ColumnType.Decimal ? 4 : null };
        var converter = new ColumnConverter(map, culture is null ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture));
        var trimmed = text.AsSpan().Trim();
        object? expected = null;
        var textOk = !trimmed.IsEmpty && converter.TryConvert(trimmed, null, out expected, out _);

        var bytes = Utf8Text.Trimmed(Encoding.UTF8.GetBytes(text), trim: true);
        if (bytes.IsEmpty || !converter.TryConvertUtf8(bytes, out var fast)) return;

        Assert.True(textOk, $"the UTF-8 path took '{text}', which the text path rejects");
        Assert.Equal(expected, fast);
        if (fast is decimal m) Assert.Equal(((decimal)expected!).Scale, m.Scale);
    }

    [Theory]
    [InlineData("42", true)]
    [InlineData("-1", true)]
    [InlineData("true", true)]
    [InlineData("12.5", true)]
    [InlineData("2024-01-01", false)]
    public void Plain_numbers_and_booleans_take_the_UTF8_path(string text, bool taken)
    {
        var type = text switch { "true" => ColumnType.Bool, "12.5" => ColumnType.Decimal, "2024-01-01" => ColumnType.Date, _ => ColumnType.Int };
        var converter = new ColumnConverter(new ColumnMap { TargetColumn = "c", SourceField = "c", Type = type }, CultureInfo.InvariantCulture);

        Assert.Equal(taken, converter.TryConvertUtf8(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData(" 7 ", true, "7")]
    [InlineData(" 7 ", false, " 7 ")]
    [InlineData("\t\r\n 7", true, "7")]
    [InlineData("\u00a07", true, "")]
    [InlineData("7\u00a0", true, "")]
    [InlineData("   ", true, "")]
    [InlineData("é", true, "")]
    public void Trimming_UTF8_stops_where_only_decoding_could_tell(string text, bool trim, string expected)
    {
        var trimmed = Utf8Text.Trimmed(Encoding.UTF8.GetBytes(text), trim);

        Assert.Equal(expected, Encoding.UTF8.GetString(trimmed));
    }
}
