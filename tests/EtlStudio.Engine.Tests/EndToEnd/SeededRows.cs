using System.Text;
using System.Text.Json;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Seeded rows with a column of every <see cref="ColumnType"/>, text built to break CSV and JSON (quotes,
/// delimiters, CR/LF, emoji and other surrogate pairs, leading/trailing spaces loaded with Trim off), and times at
/// microsecond resolution, PostgreSQL's. About one cell in ten is null; text is never empty, because the engine
/// loads an empty field as null (empty and missing are the same, see RowMapper).</summary>
internal static class SeededRows
{
    /// <summary>Source field, target column, PostgreSQL type.</summary>
    public static readonly (ColumnMap Map, string PgType)[] Columns =
    [
        (new() { SourceField = "Text Field", TargetColumn = "s", Trim = false }, "text"),
        (new() { SourceField = "i", TargetColumn = "i", Type = ColumnType.Int }, "int4"),
        (new() { SourceField = "l", TargetColumn = "l", Type = ColumnType.Long }, "int8"),
        (new() { SourceField = "m", TargetColumn = "m", Type = ColumnType.Decimal, Precision = 18, Scale = 4 }, "numeric(18,4)"),
        (new() { SourceField = "d", TargetColumn = "d", Type = ColumnType.Double }, "float8"),
        (new() { SourceField = "b", TargetColumn = "b", Type = ColumnType.Bool }, "bool"),
        (new() { SourceField = "dt", TargetColumn = "dt", Type = ColumnType.Date }, "date"),
        (new() { SourceField = "ts", TargetColumn = "ts", Type = ColumnType.DateTime }, "timestamp"),
        (new() { SourceField = "tso", TargetColumn = "tso", Type = ColumnType.DateTimeOffset }, "timestamptz"),
        (new() { SourceField = "g", TargetColumn = "g", Type = ColumnType.Guid }, "uuid"),
        (new() { SourceField = "j", TargetColumn = "j", Type = ColumnType.Json }, "json"),
    ];

    private static readonly string[] Pieces =
        ["a", "Z", "0", " ", "  ", ",", ";", "\t", "|", "\"", "\"\"", "'", "\r", "\n", "\r\n", "é", "ß", "中文", "😀", "👩‍👩‍👧", "𝄞", "\\", "{", "[", "<", "&", "NULL", "null", "\u00a0", "\u200b", "\u2028"];

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
                random.NextInt64(-99_999_999_999_999, 99_999_999_999_999) / 10_000m,
                random.Next(3) switch { 0 => random.NextDouble() * 1e-300, 1 => (random.NextDouble() - 0.5) * 1e300, _ => Math.Round(random.NextDouble() * 1000, 3) },
                random.Next(2) == 0,
                DateOnly.FromDayNumber(random.Next(1, DateOnly.MaxValue.DayNumber - 1)),
                new DateTime(Micros(random), DateTimeKind.Unspecified),
                new DateTimeOffset(Micros(random), TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4) * 15)),
                new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]),
                JsonSerializer.Serialize(new { k = Text(random), n = random.Next(), a = new[] { 1, 2 } }),
            ];
            for (var c = 0; c < row.Length; c++)
            {
                if (random.Next(10) == 0) row[c] = null;
            }
            rows.Add(row);
        }
        return rows;
    }

    private static long Micros(Random random)
    {
        var ticks = random.NextInt64(new DateTime(1900, 1, 1).Ticks, new DateTime(2200, 1, 1).Ticks);
        return ticks - ticks % TimeSpan.TicksPerMicrosecond;
    }

    private static string Text(Random random)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, 12);
        for (var i = 0; i < n; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
        return sb.ToString();
    }

    /// <summary>The value as PostgreSQL gives it back: an instant in UTC for timestamptz.</summary>
    public static object? Loaded(object? value) => value is DateTimeOffset dto ? dto.ToUniversalTime() : value;
}
