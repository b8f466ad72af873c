using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Sources.Files;

/// <summary>SHA-256 host key fingerprints in the form OpenSSH prints them: <c>SHA256:</c> and 43 characters of
/// unpadded base64.</summary>
public static partial class SftpFingerprint
{
    /// <summary>The prefix OpenSSH writes before the base64 digest.</summary>
    public const string Prefix = "SHA256:";

    /// <summary><paramref name="text"/> trimmed, with the <c>SHA256:</c> prefix added when missing and base64 padding
    /// removed; null for blank text. The base64 itself is case-sensitive and kept as given.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digest = text.Trim();
        if (digest.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) digest = digest[Prefix.Length..];
        return Prefix + digest.TrimEnd('=');
    }

    /// <summary>Whether <paramref name="text"/>, normalized, is a SHA-256 fingerprint.</summary>
    public static bool IsValid(string? text) => Normalize(text) is { } normalized && Shape().IsMatch(normalized);

    [GeneratedRegex("^SHA256:[A-Za-z0-9+/]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
