using System.Globalization;

namespace EtlStudio.Engine.Mapping.Expressions;

internal static partial class ExpressionFunctions
{
    // Conversions from text use the invariant culture and trim the text; a column's own culture and format apply when
    // an expression's text result is stored into a typed column. Whole-number conversions round half away from zero.
    public static int? ToInt(string? s) => s is null ? null : int.Parse(s.Trim(), NumberStyles.Integer, Invariant);
    public static int? ToInt(long? x) => x is null ? null : checked((int)x.Value);
    public static int? ToInt(decimal? x) => x is null ? null : decimal.ToInt32(Math.Round(x.Value, MidpointRounding.AwayFromZero));
    public static int? ToInt(double? x) => x is null ? null : checked((int)Math.Round(x.Value, MidpointRounding.AwayFromZero));
    public static long? ToLong(string? s) => s is null ? null : long.Parse(s.Trim(), NumberStyles.Integer, Invariant);
    public static long? ToLong(long? x) => x;
    public static long? ToLong(decimal? x) => x is null ? null : decimal.ToInt64(Math.Round(x.Value, MidpointRounding.AwayFromZero));
    public static long? ToLong(double? x) => x is null ? null : checked((long)Math.Round(x.Value, MidpointRounding.AwayFromZero));
    public static decimal? ToDecimal(string? s) => s is null ? null : decimal.Parse(s.Trim(), NumberStyles.Float, Invariant);
    public static decimal? ToDecimal(long? x) => x;
    public static decimal? ToDecimal(decimal? x) => x;
    public static decimal? ToDecimal(double? x) => x is null ? null : (decimal)x.Value;
    public static double? ToDouble(string? s) => s is null ? null : double.Parse(s.Trim(), NumberStyles.Float, Invariant);
    public static double? ToDouble(long? x) => x;
    public static double? ToDouble(decimal? x) => x is null ? null : (double)x.Value;
    public static double? ToDouble(double? x) => x;

    public static bool? ToBool(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "true" or "1" or "yes" or "y" => true,
        "false" or "0" or "no" or "n" => false,
        _ => throw new FormatException($"'{s}' is not a Bool (expected true/false, 1/0, yes/no or y/n)"),
    };

    public static DateOnly? ToDate(string? s) => s is null ? null : DateOnly.Parse(s.Trim(), Invariant);
    public static DateOnly? ToDate(DateTime? x) => x is null ? null : DateOnly.FromDateTime(x.Value);
    public static DateOnly? ToDate(DateTimeOffset? x) => x is null ? null : DateOnly.FromDateTime(x.Value.UtcDateTime);
    public static DateTime? ToDateTime(string? s) =>
        s is null ? null : DateTime.SpecifyKind(DateTime.Parse(s.Trim(), Invariant, DateTimeStyles.AdjustToUniversal), DateTimeKind.Unspecified);
    public static DateTime? ToDateTime(DateOnly? x) => x?.ToDateTime(TimeOnly.MinValue);
    public static DateTime? ToDateTime(DateTimeOffset? x) => x is null ? null : DateTime.SpecifyKind(x.Value.UtcDateTime, DateTimeKind.Unspecified);
    public static Guid? ToGuid(string? s) => s is null ? null : Guid.Parse(s.Trim());
}
