using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Mapping.Expressions;

internal static partial class ExpressionFunctions
{
    /// <summary>How long one regular expression may run on one value before the row is rejected: a pattern that
    /// backtracks badly must not stall the run.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private const int MaxCachedPatterns = 64;
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    public static string? Upper(string? s) => s?.ToUpperInvariant();
    public static string? Lower(string? s) => s?.ToLowerInvariant();
    public static string? Trim(string? s) => s?.Trim();
    public static int? Length(string? s) => s?.Length;

    /// <summary>1-based like SQL: characters <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1
    /// that exist (a start before 1 or an end past the text just takes fewer).</summary>
    public static string? Substring(string? s, int? start, int? length)
    {
        if (s is null || start is null || length is null) return null;
        if (length < 0) throw new ArgumentException($"substring length {length} is negative");
        var from = Math.Max(start.Value, 1);
        var to = Math.Min((long)start.Value + length.Value, s.Length + 1L);
        return to <= from ? "" : s.Substring(from - 1, (int)(to - from));
    }

    public static string? Substring(string? s, int? start) =>
        s is null || start is null ? null : start.Value > s.Length ? "" : s[(Math.Max(start.Value, 1) - 1)..];

    public static string? Replace(string? s, string? old, string? replacement) =>
        s is null ? null : string.IsNullOrEmpty(old) ? s : s.Replace(old, replacement ?? "", StringComparison.Ordinal);

    /// <summary>Pads on the left to <paramref name="length"/> characters; longer text is cut to that length (as SQL's lpad).</summary>
    public static string? Lpad(string? s, int? length, string? pad) => Pad(s, length, pad, left: true);
    public static string? Lpad(string? s, int? length) => Pad(s, length, " ", left: true);
    public static string? Rpad(string? s, int? length, string? pad) => Pad(s, length, pad, left: false);
    public static string? Rpad(string? s, int? length) => Pad(s, length, " ", left: false);

    private static string? Pad(string? s, int? length, string? pad, bool left)
    {
        if (s is null || length is null) return null;
        if (length < 0) throw new ArgumentException($"pad length {length} is negative");
        var n = length.Value;
        if (s.Length >= n) return s[..n];
        if (string.IsNullOrEmpty(pad)) return s;
        var fill = new StringBuilder(n);
        while (fill.Length < n - s.Length) fill.Append(pad);
        fill.Length = n - s.Length;
        return left ? fill + s : s + fill;
    }

    public static bool? RegexMatch(string? s, string? pattern) => s is null || pattern is null ? null : Pattern(pattern).IsMatch(s);

    public static string? RegexReplace(string? s, string? pattern, string? replacement) =>
        s is null || pattern is null ? null : Pattern(pattern).Replace(s, replacement ?? "");

    /// <summary>A pattern compiled with the timeout; a constant pattern is compiled once when the expression is
    /// (see <see cref="ExpressionMacros"/>), others are cached here.</summary>
    public static Regex Pattern(string pattern)
    {
        if (Patterns.TryGetValue(pattern, out var regex)) return regex;
        regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        if (Patterns.Count < MaxCachedPatterns) Patterns.TryAdd(pattern, regex);
        return regex;
    }

    /// <summary>SHA-256 of the text's UTF-8 bytes as lower-case hex (pseudonymisation).</summary>
    public static string? Sha256(string? s) => s is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
