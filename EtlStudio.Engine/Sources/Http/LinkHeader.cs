using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Reads the <c>rel="next"</c> target of RFC 8288 <c>Link</c> headers.</summary>
internal static partial class LinkHeader
{
    public static Uri? FindNext(HttpResponseMessage response, Uri requestUrl)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (Match link in LinkValue().Matches(string.Join(", ", values)))
        {
            var rel = RelParameter().Match(link.Groups["params"].Value);
            if (rel.Success && rel.Groups["rel"].Value
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Contains("next", StringComparer.OrdinalIgnoreCase))
            {
                // RFC 8288 §3.1: a relative target resolves against the request URL.
                return new Uri(requestUrl, link.Groups["url"].Value.Trim());
            }
        }
        return null;
    }

    [GeneratedRegex("<(?<url>[^>]*)>(?<params>[^<]*)")]
    private static partial Regex LinkValue();

    [GeneratedRegex(""";\s*rel\s*=\s*(?:"(?<rel>[^"]*)"|(?<rel>[^;,\s]+))""", RegexOptions.IgnoreCase)]
    private static partial Regex RelParameter();
}
