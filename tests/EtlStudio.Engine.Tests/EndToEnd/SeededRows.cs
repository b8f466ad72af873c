using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Mapping;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>The mapper fuzz test's seeded rows (<see cref="NastyRows"/>: a column of every <see cref="ColumnType"/>, text
/// with quotes, delimiters, CR/LF, emoji and other surrogate pairs, leading/trailing spaces loaded with Trim off, about
/// one null cell in ten) made fit for PostgreSQL: times cut to microseconds, its resolution, and no
/// <see cref="DateOnly.MinValue"/>, which Npgsql maps to -infinity. Text is never empty, because the engine loads an
/// empty field as null (empty and missing are the same, see RowMapper).</summary>
internal static class SeededRows
{
    private static readonly string[] PgTypes = ["text", "int4", "int8", "numeric(18,4)", "float8", "bool", "date", "timestamp", "timestamptz", "uuid", "json"];

    /// <summary>Column map and PostgreSQL type.</summary>
    public static readonly (ColumnMap Map, string PgType)[] Columns = [.. NastyRows.Columns.Zip(PgTypes)];

    public static List<object?[]> Generate(int seed, int count) =>
        [.. NastyRows.Generate(seed, count).Select(row => row.Select(ForPostgres).ToArray())];

    private static object? ForPostgres(object? value) => value switch
    {
        DateTime dt => new DateTime(dt.Ticks - dt.Ticks % TimeSpan.TicksPerMicrosecond, dt.Kind),
        DateTimeOffset dto => new DateTimeOffset(dto.Ticks - dto.Ticks % TimeSpan.TicksPerMicrosecond, dto.Offset),
        DateOnly date when date == DateOnly.MinValue => date.AddDays(1),
        _ => value,
    };

    /// <summary>The value as PostgreSQL gives it back: an instant in UTC for timestamptz.</summary>
    public static object? Loaded(object? value) => NastyRows.Expected(value);
}
