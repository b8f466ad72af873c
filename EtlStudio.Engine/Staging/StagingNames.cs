namespace EtlStudio.Engine.Staging;

/// <summary>Artifact names: relative, '/'-separated, without '..' so a name can never leave its run's folder.</summary>
internal static class StagingNames
{
    public const string Mapped = "mapped.ndjson";
    public const string MappedParquet = "mapped.parquet";
    /// <summary>Written after the mapped output is complete; a replay requires it before loading a single row.</summary>
    public const string MappedComplete = "mapped.complete";
    public const string QueryRecords = "raw/query.ndjson";

    public static string Check(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var parts = name.Split('/');
        if (name.StartsWith('/') || name.Contains('\\') || parts.Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a valid staging artifact name", nameof(name));
        }
        return name;
    }

    /// <summary><c>raw/00001-orders.csv</c>: numbered in read order (two pages of one URL stay apart), named after the
    /// document's last path segment only (a server's folders are nobody's business on a run page), with everything but
    /// letters, digits, '.', '-' and '_' replaced.</summary>
    public static string Raw(int index, string documentName)
    {
        var last = documentName.TrimEnd('/', '\\');
        var slash = last.LastIndexOfAny(['/', '\\']);
        if (slash >= 0 && slash < last.Length - 1) last = last[(slash + 1)..];
        var tail = last.Length > 80 ? last[^80..] : last;
        var safe = string.Create(tail.Length, tail, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '-' or '_' ? s[i] : '_';
        });
        return $"raw/{index:D5}-{safe.TrimStart('.')}";
    }
}
