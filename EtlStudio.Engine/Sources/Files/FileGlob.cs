using Microsoft.Extensions.FileSystemGlobbing;

namespace EtlStudio.Engine.Sources.Files;

/// <summary>The one glob matcher for local paths and blob names, so a pattern means the same in both places.</summary>
/// <remarks>Matching is ordinal (case-sensitive) because blob names are; matches are returned in ordinal order so a
/// run reads files in the same order every time.</remarks>
internal static class FileGlob
{
    public static Matcher Create(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new EtlDataException("The file pattern is empty.");
        }
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern.Replace('\\', '/'));
        return matcher;
    }

    /// <summary>The part of the pattern before its first wildcard segment, to narrow a blob listing.</summary>
    public static string LiteralPrefix(string pattern)
    {
        var segments = pattern.Replace('\\', '/').TrimStart('/').Split('/');
        var literal = segments.TakeWhile(s => s.IndexOfAny(['*', '?', '[', '{']) < 0).Take(segments.Length - 1);
        var prefix = string.Join('/', literal);
        return prefix.Length == 0 ? "" : prefix + "/";
    }

    public static EtlDataException NoMatch(string pattern, string location) =>
        new($"no file matches '{pattern}' in '{location}'");
}
