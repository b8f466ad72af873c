namespace EtlStudio.Engine.Sources.Http;

/// <summary>Sets one query parameter of a URL, keeping the others in place.</summary>
internal static class QueryString
{
    public static Uri With(Uri url, string name, string value, bool addIfMissing = true)
    {
        var parts = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var encoded = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
        var found = false;
        for (var i = 0; i < parts.Count; i++)
        {
            var key = parts[i].Split('=', 2)[0];
            if (string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
            {
                parts[i] = encoded;
                found = true;
            }
        }
        if (!found && !addIfMissing) return url;
        if (!found) parts.Add(encoded);
        return new UriBuilder(url) { Query = string.Join('&', parts) }.Uri;
    }
}
