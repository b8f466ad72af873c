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
        { ColumnType.Int, "0000000000000000001", null }, { ColumnType.Int, "-0", null }, { ColumnType.Int, "-", null }, { ColumnType.Int, "+", null },
        { ColumnType.Int, "1.0", null }, { ColumnType.Int, "1.", null }, { ColumnType.Int, "-2147483649", null }, { ColumnType.Int, "999999999999999999", null },
        { ColumnType.Long, "999999999999999999", null }, { ColumnType.Long, "-999999999999999999", null }, { ColumnType.Long, "1000000000000000000", null },
        { ColumnType.Long, "-9223372036854775809", null }, { ColumnType.Long, "1\0", null }, { ColumnType.Long, "7", "ar-SA" }, { ColumnType.Long, "-7", "fa-IR" },
        { ColumnType.Decimal, "-0.00", null }, { ColumnType.Decimal, "-0", null }, { ColumnType.Decimal, "0.00000000", null }, { ColumnType.Decimal, "00000099999999.99990000", null },
        { ColumnType.Decimal, "100000000", null }, { ColumnType.Decimal, "-100000000", null }, { ColumnType.Decimal, "-99999999.99995", null },
        { ColumnType.Bool, "y", null }, { ColumnType.Bool, "Y", null }, { ColumnType.Bool, "no", null }, { ColumnType.Bool, "FaLsE", null }, { ColumnType.Bool, "2", null },
        { ColumnType.Bool, "ye", null }, { ColumnType.Bool, "", null }, { ColumnType.Bool, "tru\u00e9", null },
        { ColumnType.Date, "0001-01-01", null }, { ColumnType.Date, "9999-12-31", null }, { ColumnType.Date, "0000-01-01", null }, { ColumnType.Date, "2023-02-29", null },
        { ColumnType.Date, "2024-13-01", null }, { ColumnType.Date, "2024-1-01", null }, { ColumnType.Date, "2024-01-01T00:00", null }, { ColumnType.Date, "2024\u201301\u201301", null },
        { ColumnType.DateTime, "2024-02-29 23:59:59.9999999", null }, { ColumnType.DateTime, "2024-02-29T23:59:59.99999999", null }, { ColumnType.DateTime, "2024-02-29T23:59", null },
        { ColumnType.DateTime, "2024-02-29T24:00:00", null }, { ColumnType.DateTime, "2024-02-29T23:60:00", null }, { ColumnType.DateTime, "2024-02-29T23:59:60", null },
        { ColumnType.DateTime, "2024-02-29T10:00:00.", null }, { ColumnType.DateTime, "2024-02-29T10:00:00,5", null }, { ColumnType.DateTime, "2024-02-29", null },
        { ColumnType.DateTime, "2024-02-29T10:00:00Z", null }, { ColumnType.DateTime, "2024-02-29T10:00:00z", null }, { ColumnType.DateTime, "2024-02-29T10:00:00+02:00", null },
        { ColumnType.DateTime, "2024-02-29T10:00:00-0530", null }, { ColumnType.DateTime, "2024-02-29T10:00:00+14", null }, { ColumnType.DateTime, "2024-02-29T10:00:00+15", null },
        { ColumnType.DateTime, "2024-02-29T10:00:00+02:60", null }, { ColumnType.DateTime, "2024-02-29T10:00:00 +02:00", null }, { ColumnType.DateTime, "0001-01-01T00:00:00+01:00", null },
        { ColumnType.DateTime, "9999-12-31T23:59:59.9999999-01:00", null }, { ColumnType.DateTime, "9999-12-31T23:59:59.9999999Z", null }, { ColumnType.DateTime, "2024-02-29\u00a010:00", null },
        { ColumnType.DateTimeOffset, "2024-02-29T10:00:00", null }, { ColumnType.DateTimeOffset, "2024-02-29T10:00:00.123456Z", null }, { ColumnType.DateTimeOffset, "2024-02-29 10:00+02:00", null },
        { ColumnType.DateTimeOffset, "2024-02-29T10:00:00-14:00", null }, { ColumnType.DateTimeOffset, "0001-01-01T00:00:00+00:30", null }, { ColumnType.DateTimeOffset, "2024-02-29", null },
        { ColumnType.DateTimeOffset, "2024-02-29T10:00:00+0", null }, { ColumnType.DateTimeOffset, "29/02/2024 10:00", "fr-FR" },
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
    [InlineData("2024-01-01", true)]
    [InlineData("2024-01-01T10:00:00Z", true)]
    [InlineData("01/02/2024", false)]
    public void Plain_numbers_booleans_and_ISO_dates_take_the_UTF8_path(string text, bool taken)
    {
        var type = text switch { "true" => ColumnType.Bool, "12.5" => ColumnType.Decimal, "2024-01-01" or "01/02/2024" => ColumnType.Date, "2024-01-01T10:00:00Z" => ColumnType.DateTimeOffset, _ => ColumnType.Int };
        var converter = new ColumnConverter(new ColumnMap { TargetColumn = "c", SourceField = "c", Type = type }, CultureInfo.InvariantCulture);

        Assert.Equal(taken, converter.TryConvertUtf8(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void A_date_column_with_a_format_leaves_its_values_to_the_text_path()
    {
        var converter = new ColumnConverter(new ColumnMap { TargetColumn = "c", SourceField = "c", Type = ColumnType.Date, Format = "yyyy-dd-MM" }, CultureInfo.InvariantCulture);

        Assert.False(converter.TryConvertUtf8("2024-01-02"u8, out _));
        Assert.True(converter.TryConvert("2024-01-02", null, out var value, out _));
        Assert.Equal(new DateOnly(2024, 2, 1), value);
    }

    [Theory]
    [InlineData(4, 4, "0.1234", true)]
    [InlineData(4, 4, "1.0000", false)]
    [InlineData(4, 4, "-0.9999", true)]
    [InlineData(4, 0, "9999", true)]
    [InlineData(4, 0, "10000", false)]
    [InlineData(4, 0, "9999.000", true)]
    [InlineData(4, 0, "9999.5", false)]
    [InlineData(28, 10, "123456789012345678", true)]
    [InlineData(28, 0, "999999999999999999", true)]
    [InlineData(19, 0, "999999999999999999", true)]
    [InlineData(18, 0, "999999999999999999", true)]
    [InlineData(17, 0, "999999999999999999", false)]
    [InlineData(18, 18, "0.999999999999999999", true)]
    [InlineData(17, 17, "1.99999999999999999", false)]
    [InlineData(18, 17, ".99999999999999999", true)]
    [InlineData(10, 2, "-00000000.00", true)]
    public void Decimal_precision_is_judged_alike_on_both_paths(int precision, int scale, string text, bool fits)
    {
        var converter = new ColumnConverter(new ColumnMap { TargetColumn = "c", SourceField = "c", Type = ColumnType.Decimal, Precision = precision, Scale = scale }, CultureInfo.InvariantCulture);

        Assert.Equal(fits, converter.TryConvert(text, null, out var expected, out var reason));
        var taken = converter.TryConvertUtf8(Encoding.UTF8.GetBytes(text), out var fast);
        if (!fits || text.Length > 19)
        {
            Assert.False(taken && !fits, reason);
            return;
        }
        Assert.True(taken);
        Assert.Equal(expected, fast);
        Assert.Equal(((decimal)expected!).Scale, ((decimal)fast!).Scale);
        Assert.Equal(decimal.IsNegative((decimal)expected), decimal.IsNegative((decimal)fast));
    }

    /// <summary>Seeded random cells of every type the UTF-8 path reads, near and past the edges of their formats.</summary>
    [Fact]
    public void Random_cells_give_on_the_UTF8_path_what_the_text_path_gives()
    {
        var random = new Random(20261206);
        ColumnType[] types = [ColumnType.Int, ColumnType.Long, ColumnType.Decimal, ColumnType.Bool, ColumnType.Date, ColumnType.DateTime, ColumnType.DateTimeOffset];
        const string alphabet = "0123456789-+.:TZ z,\u00e9";
        var taken = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var type = types[random.Next(types.Length)];
            var text = random.Next(3) switch
            {
                0 => Mutate(random, Sample(random, type), alphabet),
                1 => Sample(random, type),
                _ => new string([.. Enumerable.Range(0, random.Next(1, 25)).Select(_ => alphabet[random.Next(alphabet.Length)])]),
            };
            var map = new ColumnMap { TargetColumn = "c", SourceField = "c", Type = type, Precision = type == ColumnType.Decimal ? random.Next(1, 29) : null, Scale = type == ColumnType.Decimal ? 0 : null };
            if (map.Precision is { } p) map = map with { Scale = random.Next(0, p + 1) };
            var converter = new ColumnConverter(map, CultureInfo.InvariantCulture);
            var textOk = converter.TryConvert(text, null, out var expected, out _);
            if (!converter.TryConvertUtf8(Encoding.UTF8.GetBytes(text), out var fast)) continue;
            taken++;
            Assert.True(textOk, $"the UTF-8 path took {type} '{text}', which the text path rejects");
            Assert.Equal(expected, fast);
            if (fast is decimal m) Assert.Equal(((decimal)expected!).Scale, m.Scale);
        }
        Assert.True(taken > 5_000, $"only {taken} cells took the UTF-8 path");
    }

    private static string Sample(Random random, ColumnType type) => type switch
    {
        ColumnType.Int => random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        ColumnType.Long => (random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64)).ToString(CultureInfo.InvariantCulture),
        ColumnType.Decimal => ((random.NextInt64(-999_999_999_999_999_999, 999_999_999_999_999_999) >> random.Next(60)) / (decimal)Math.Pow(10, random.Next(0, 19))).ToString(CultureInfo.InvariantCulture),
        ColumnType.Bool => random.Next(2) == 0 ? "true" : "N",
        ColumnType.Date => new DateOnly(1, 1, 1).AddDays(random.Next(DateOnly.MaxValue.DayNumber + 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => new DateTime(random.NextInt64(DateTime.MaxValue.Ticks)).ToString(random.Next(3) switch { 0 => "yyyy-MM-dd HH:mm", 1 => "yyyy-MM-ddTHH:mm:ss.fffffff", _ => "yyyy-MM-ddTHH:mm:ss.ff" }, CultureInfo.InvariantCulture)
             + (random.Next(4) switch { 0 => "", 1 => "Z", 2 => "+14:00", _ => "-0530" }),
    };

    private static string Mutate(Random random, string text, string alphabet)
    {
        var chars = text.ToCharArray();
        chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
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
