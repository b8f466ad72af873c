using System.Text.Json;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>Seeded random rows of every column type, with text meant to break naive loaders: quotes, separators,
/// CR/LF, backslashes, SQL fragments, accents, CJK, emoji, zero-width characters. No NUL (PostgreSQL refuses it; a
/// separate test covers that). Times have whole microseconds, the finest PostgreSQL keeps.</summary>
internal static class RandomRows
{
    private static readonly string[] Fragments =
        ["\"", "'", "''", ",", ";", "\r\n", "\n", "\r", "\t", "\\", "\\N", "é", "Ω", "ß", "日本語", "😀", "\u200B", "\u202E", " ", "NULL", "--", "a", "Z", "0", "{", "}"];

    public static object?[][] Generate(int seed, int count, IReadOnlyList<ColumnType> types)
    {
        var random = new Random(seed);
        var rows = new object?[count][];
        for (var r = 0; r < count; r++)
        {
            rows[r] = new object?[types.Count];
            rows[r][0] = (long)r;
            for (var c = 1; c < types.Count; c++)
            {
                rows[r][c] = random.Next(10) == 0 ? null : Value(random, types[c]);
            }
        }
        return rows;
    }

    public static string Text(Random random)
    {
        var parts = random.Next(0, 12);
        return string.Concat(Enumerable.Range(0, parts).Select(_ => Fragments[random.Next(Fragments.Length)]));
    }

    private static object Value(Random random, ColumnType type) => type switch
    {
        ColumnType.String => Text(random),
        ColumnType.Int => random.Next(4) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => random.Next(int.MinValue, int.MaxValue) },
        ColumnType.Long => random.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => random.NextInt64(long.MinValue, long.MaxValue) },
        // Up to 18 significant digits and 8 decimals: fits numeric(28,8) and keeps its own scale.
        ColumnType.Decimal => new decimal(random.NextInt64(-999_999_999_999_999_999, 999_999_999_999_999_999)) / (decimal)Math.Pow(10, random.Next(0, 9)),
        ColumnType.Double => random.Next(6) switch
        {
            0 => double.MaxValue, 1 => double.Epsilon, 2 => -1e-300, 3 => double.PositiveInfinity,
            _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20)),
        },
        ColumnType.Bool => random.Next(2) == 0,
        ColumnType.Date => DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)),
        ColumnType.DateTime => new DateTime(Microseconds(random), DateTimeKind.Unspecified),
        ColumnType.DateTimeOffset => new DateTimeOffset(Microseconds(random, 1), TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4) * 15)),
        ColumnType.Guid => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()),
        ColumnType.Json => JsonSerializer.Serialize(new { text = Text(random), n = random.Next(), nested = new { ok = random.Next(2) == 0, list = new[] { Text(random), Text(random) } } }),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Ticks in whole microseconds, a day away from both ends so any offset stays in range.</summary>
    private static long Microseconds(Random random, int marginDays = 0)
    {
        var min = DateTime.MinValue.AddDays(marginDays).Ticks / 10;
        var max = DateTime.MaxValue.AddDays(-marginDays).Ticks / 10;
        return random.NextInt64(min, max) * 10;
    }
}
