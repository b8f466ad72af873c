using System.Globalization;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Values as text, the same way everywhere (to_text, concat, a lookup key, a text column): invariant culture,
/// ISO dates. One overload per type so a typed value is not boxed.</summary>
internal static class ExpressionValues
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string? Text(string? value) => value;
    public static string? Text(int? value) => value?.ToString(Invariant);
    public static string? Text(long? value) => value?.ToString(Invariant);
    public static string? Text(decimal? value) => value?.ToString(Invariant);
    public static string? Text(double? value) => value?.ToString("R", Invariant);
    public static string? Text(bool? value) => value is null ? null : value.Value ? "true" : "false";
    public static string? Text(DateOnly? value) => value?.ToString("yyyy-MM-dd", Invariant);
    public static string? Text(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", Invariant);
    public static string? Text(DateTimeOffset? value) => value?.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", Invariant);
    public static string? Text(Guid? value) => value?.ToString("D");

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        int i => Text(i),
        long l => Text(l),
        decimal m => Text(m),
        double d => Text(d),
        bool b => Text(b),
        DateOnly d => Text(d),
        DateTime t => Text(t),
        DateTimeOffset o => Text(o),
        Guid g => Text(g),
        _ => Convert.ToString(value, Invariant),
    };

    /// <summary>concat's text: null is the empty string (as SQL's CONCAT).</summary>
    public static string Concat(string?[] parts) => string.Concat(parts);
}
