using System.Globalization;
using System.Text;
using System.Text.Json;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Tests.Mapping;

/// <summary>Seeded random rows with a column of every type and text built to break parsers.</summary>
internal static class NastyRows
{
    public static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "s", TargetColumn = "s", Type = ColumnType.String, Trim = false },
        new() { SourceField = "i", TargetColumn = "i", Type = ColumnType.Int },
        new() { SourceField = "l", TargetColumn = "l", Type = ColumnType.Long },
        new() { SourceField = "m", TargetColumn = "m", Type = ColumnType.Decimal, Precision = 18, Scale = 4 },
        new() { SourceField = "d", TargetColumn = "d", Type = ColumnType.Double },
        new() { SourceField = "b", TargetColumn = "b", Type = ColumnType.Bool },
        new() { SourceField = "dt", TargetColumn = "dt", Type = ColumnType.Date },
        new() { SourceField = "ts", TargetColumn = "ts", Type = ColumnType.DateTime },
        new() { SourceField = "tso", TargetColumn = "tso", Type = ColumnType.DateTimeOffset },
        new() { SourceField = "g", TargetColumn = "g", Type = ColumnType.Guid },
        new() { SourceField = "j", TargetColumn = "j", Type = ColumnType.Json },
    ];

    private static readonly string[] Pieces =
        ["a", "Z", "0", " ", "  ", ",", ";", "\t", "|", "||", "\"", "\"\"", "'", "\r", "\n", "\r\n", "é", "ß", "中文", "😀", "𝄞", "\\", "{", "}", "[", "<", "&", "#", "=", "NULL", "\u00a0", "\u200b"];

    public static List<object?[]> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var rows = new List<object?[]>(count);
        for (var r = 0; r < count; r++)
        {
            object?[] row =
            [
                Text(random),
                random.Next(int.MinValue, int.MaxValue),
                random.NextInt64(long.MinValue, long.MaxValue),
                Math.Round((decimal)random.NextInt64(-99_999_999_999_999, 99_999_999_999_999) / 10_000m, 4),
                random.Next(3) switch { 0 => random.NextDouble() * 1e-300, 1 => (random.NextDouble() - 0.5) * 1e300, _ => Math.Round(random.NextDouble() * 1000, 3) },
                random.Next(2) == 0,
                DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)),
                new DateTime(random.NextInt64(new DateTime(1900, 1, 1).Ticks, new DateTime(2200, 1, 1).Ticks), DateTimeKind.Unspecified),
                new DateTimeOffset(random.NextInt64(new DateTime(1900, 1, 1).Ticks, new DateTime(2200, 1, 1).Ticks), TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4) * 15)),
                new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]),
                JsonSerializer.Serialize(new { k = Text(random) ?? "", n = random.Next() }),
            ];
            for (var c = 0; c < row.Length; c++)
            {
                if (random.Next(10) == 0) row[c] = null;
            }
            rows.Add(row);
        }
        return rows;
    }

    private static string? Text(Random random)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, 12);
        for (var i = 0; i < n; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
        return sb.ToString();
    }

    /// <summary>The text a source file carries for a typed value (invariant culture, round-trip formats).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>What the mapper must produce for an original value.</summary>
    public static object? Expected(object? value) => value switch
    {
        DateTimeOffset dto => dto.ToUniversalTime(),
        _ => value,
    };

    public static void AssertRowEqual(object?[] expected, object?[] actual, string where)
    {
        for (var c = 0; c < expected.Length; c++)
        {
            var e = Expected(expected[c]);
            var a = actual[c];
            if (e is DateTimeOffset eo && a is DateTimeOffset ao)
            {
                Xunit.Assert.True(eo.Equals(ao) && ao.Offset == TimeSpan.Zero, $"{where}, column {Columns[c].TargetColumn}: expected {eo:O}, got {ao:O}");
                continue;
            }
            Xunit.Assert.True(Equals(e, a), $"{where}, column {Columns[c].TargetColumn}: expected «{Format(e)}» ({e?.GetType().Name}), got «{Format(a)}» ({a?.GetType().Name})");
        }
    }
}
