using System.Globalization;

namespace EtlStudio.Engine.Mapping.Expressions;

internal static partial class ExpressionFunctions
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Text in the exact .NET format (<c>dd/MM/yyyy HH:mm</c>) as a DateTime (no zone).</summary>
    public static DateTime? ParseDate(string? text, string? format)
    {
        if (text is null || format is null) return null;
        return DateTime.TryParseExact(text.Trim(), format, Invariant, DateTimeStyles.None, out var value)
            ? value
            : throw new FormatException($"'{text}' does not match the date format '{format}'");
    }

    public static string? FormatDate(DateOnly? value, string? format) => value is null || format is null ? null : value.Value.ToString(format, Invariant);
    public static string? FormatDate(DateTime? value, string? format) => value is null || format is null ? null : value.Value.ToString(format, Invariant);
    public static string? FormatDate(DateTimeOffset? value, string? format) => value is null || format is null ? null : value.Value.ToString(format, Invariant);

    public static DateOnly? AddDays(DateOnly? value, int? days) => value is null || days is null ? null : value.Value.AddDays(days.Value);
    public static DateTime? AddDays(DateTime? value, decimal? days) => value is null || days is null ? null : value.Value.AddDays((double)days.Value);
    public static DateTimeOffset? AddDays(DateTimeOffset? value, decimal? days) => value is null || days is null ? null : value.Value.AddDays((double)days.Value);
    public static DateOnly? AddMonths(DateOnly? value, int? months) => value is null || months is null ? null : value.Value.AddMonths(months.Value);
    public static DateTime? AddMonths(DateTime? value, int? months) => value is null || months is null ? null : value.Value.AddMonths(months.Value);
    public static DateTimeOffset? AddMonths(DateTimeOffset? value, int? months) => value is null || months is null ? null : value.Value.AddMonths(months.Value);
    public static DateTime? AddHours(DateTime? value, decimal? hours) => value is null || hours is null ? null : value.Value.AddHours((double)hours.Value);
    public static DateTimeOffset? AddHours(DateTimeOffset? value, decimal? hours) => value is null || hours is null ? null : value.Value.AddHours((double)hours.Value);
    public static DateTime? AddMinutes(DateTime? value, decimal? minutes) => value is null || minutes is null ? null : value.Value.AddMinutes((double)minutes.Value);
    public static DateTimeOffset? AddMinutes(DateTimeOffset? value, decimal? minutes) => value is null || minutes is null ? null : value.Value.AddMinutes((double)minutes.Value);

    /// <summary>Parts <see cref="DatePart(string?, DateTime?)"/> and <see cref="DateTrunc(string?, DateTime?)"/> know.</summary>
    public static readonly string[] DateParts = ["year", "quarter", "month", "week", "day", "dayofweek", "dayofyear", "hour", "minute", "second"];

    public static int? DatePart(string? part, DateOnly? value) => value is null ? null : DatePart(part, value.Value.ToDateTime(TimeOnly.MinValue));
    public static int? DatePart(string? part, DateTimeOffset? value) => value is null ? null : DatePart(part, value.Value.DateTime);

    /// <summary>A part of the date: week is the ISO week, dayofweek is ISO (Monday 1 … Sunday 7).</summary>
    public static int? DatePart(string? part, DateTime? value)
    {
        if (value is not { } v || part is null) return null;
        return part.ToLowerInvariant() switch
        {
            "year" => v.Year,
            "quarter" => (v.Month + 2) / 3,
            "month" => v.Month,
            "week" => ISOWeek.GetWeekOfYear(v),
            "day" => v.Day,
            "dayofweek" => v.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)v.DayOfWeek,
            "dayofyear" => v.DayOfYear,
            "hour" => v.Hour,
            "minute" => v.Minute,
            "second" => v.Second,
            _ => throw UnknownPart(part),
        };
    }

    public static DateOnly? DateTrunc(string? part, DateOnly? value) =>
        value is null ? null : DateOnly.FromDateTime(DateTrunc(part, value.Value.ToDateTime(TimeOnly.MinValue))!.Value);

    public static DateTimeOffset? DateTrunc(string? part, DateTimeOffset? value) =>
        value is null ? null : new DateTimeOffset(DateTrunc(part, value.Value.DateTime)!.Value, value.Value.Offset);

    /// <summary>The start of the year, quarter, month, ISO week (Monday), day, hour, minute or second the value is in.</summary>
    public static DateTime? DateTrunc(string? part, DateTime? value)
    {
        if (value is not { } v || part is null) return null;
        return part.ToLowerInvariant() switch
        {
            "year" => new DateTime(v.Year, 1, 1, 0, 0, 0, v.Kind),
            "quarter" => new DateTime(v.Year, (v.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, v.Kind),
            "month" => new DateTime(v.Year, v.Month, 1, 0, 0, 0, v.Kind),
            "week" => v.Date.AddDays(-(((int)v.DayOfWeek + 6) % 7)),
            "day" => v.Date,
            "hour" => new DateTime(v.Year, v.Month, v.Day, v.Hour, 0, 0, v.Kind),
            "minute" => new DateTime(v.Year, v.Month, v.Day, v.Hour, v.Minute, 0, v.Kind),
            "second" => new DateTime(v.Ticks - v.Ticks % TimeSpan.TicksPerSecond, v.Kind),
            _ => throw UnknownPart(part),
        };
    }

    private static ArgumentException UnknownPart(string part) =>
        new($"unknown date part '{part}' (known: {string.Join(", ", DateParts)})");

    /// <summary>The wall-clock time in IANA zone <paramref name="zone"/> at the instant <paramref name="instant"/>.</summary>
    public static DateTime? ToZone(DateTimeOffset? instant, string? zone) =>
        instant is null || zone is null ? null : TimeZoneInfo.ConvertTime(instant.Value, Zone(zone)).DateTime;

    /// <summary>A DateTime without a zone is taken as UTC (the engine's DateTime from text with an offset is UTC).</summary>
    public static DateTime? ToZone(DateTime? utc, string? zone) =>
        utc is null ? null : ToZone(new DateTimeOffset(DateTime.SpecifyKind(utc.Value, DateTimeKind.Unspecified), TimeSpan.Zero), zone);

    /// <summary>The instant (UTC) at which the clocks in <paramref name="zone"/> showed <paramref name="local"/>. A time
    /// the clocks skipped (the spring-forward gap) rejects the row; a time they showed twice (the autumn overlap) is the
    /// first of the two, still on summer time.</summary>
    public static DateTimeOffset? FromZone(DateTime? local, string? zone)
    {
        if (local is null || zone is null) return null;
        var tz = Zone(zone);
        var wall = DateTime.SpecifyKind(local.Value, DateTimeKind.Unspecified);
        if (tz.IsInvalidTime(wall)) throw new ArgumentException($"{wall:yyyy-MM-dd HH:mm:ss} does not exist in {zone}: the clocks skip it (daylight saving time)");
        var offset = tz.IsAmbiguousTime(wall) ? tz.GetAmbiguousTimeOffsets(wall).Max() : tz.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    /// <summary>An IANA zone (<c>Europe/Amsterdam</c>); .NET caches them, so a per-row look-up is cheap.</summary>
    public static TimeZoneInfo Zone(string zone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz) ? tz : throw new ArgumentException($"unknown time zone '{zone}' (use an IANA name such as Europe/Amsterdam)");
}
