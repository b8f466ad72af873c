namespace EtlStudio.Engine.Mapping.Expressions;

internal static partial class ExpressionFunctions
{
    // Rounding is half away from zero (2.5 → 3, −2.5 → −3), as people round money by hand, not banker's rounding.
    public static decimal? Round(decimal? x, int? digits) => x is null || digits is null ? null : Math.Round(x.Value, Digits(digits.Value, 28), MidpointRounding.AwayFromZero);
    public static double? Round(double? x, int? digits) => x is null || digits is null ? null : Math.Round(x.Value, Digits(digits.Value, 15), MidpointRounding.AwayFromZero);
    public static long? Round(long? x, int? digits) => digits is null ? null : x;
    public static decimal? Round(decimal? x) => Round(x, 0);
    public static double? Round(double? x) => Round(x, 0);
    public static long? Round(long? x) => x;

    private static int Digits(int digits, int max) =>
        digits >= 0 && digits <= max ? digits : throw new ArgumentException($"round to {digits} digits: digits must be 0 to {max}");

    public static long? Abs(long? x) => x is null ? null : Math.Abs(x.Value);
    public static decimal? Abs(decimal? x) => x is null ? null : Math.Abs(x.Value);
    public static double? Abs(double? x) => x is null ? null : Math.Abs(x.Value);

    public static long? Floor(long? x) => x;
    public static decimal? Floor(decimal? x) => x is null ? null : Math.Floor(x.Value);
    public static double? Floor(double? x) => x is null ? null : Math.Floor(x.Value);
    public static long? Ceiling(long? x) => x;
    public static decimal? Ceiling(decimal? x) => x is null ? null : Math.Ceiling(x.Value);
    public static double? Ceiling(double? x) => x is null ? null : Math.Ceiling(x.Value);

    /// <summary>The smaller of two values, ignoring nulls (PostgreSQL's LEAST): null only when both are.</summary>
    public static T? Least<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) <= 0 ? a : b;

    public static T? Greatest<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) >= 0 ? a : b;

    public static string? LeastText(string? a, string? b) => a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;
    public static string? GreatestText(string? a, string? b) => a is null ? b : b is null ? a : string.CompareOrdinal(a, b) >= 0 ? a : b;
}
