using System.Text;

namespace EtlStudio.Engine.Parsing;

/// <summary>A record's raw bytes as the text a rejected row carries: decoded, and cut to a length a person reads.</summary>
internal static class RawRecordText
{
    public static string Cut(ReadOnlySpan<byte> utf8, int maxChars)
    {
        // A UTF-8 character is at most 4 bytes, so this many bytes hold maxChars characters and one more to know it was cut.
        var bytes = utf8[..Math.Min(utf8.Length, (maxChars + 1) * 4)];
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > maxChars ? text[..maxChars] + "…" : text;
    }
}
