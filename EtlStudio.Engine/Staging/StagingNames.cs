namespace EtlStudio.Engine.Staging;

/// <summary>Artifact names: relative, '/'-separated, without '..' so a name can never leave its run's folder.</summary>
internal static class StagingNames
{
    public const string Mapped = "mapped.ndjson";
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

    /// <summary><c>raw/00001-orders.csv</c>: numbered in read order (two pages of one URL stay apart), with
    /// everything but letters, digits, '.', '-' and '_' replaced.</summary>
    public static string Raw(int index, string documentName)
    {
        var tail = documentName.Length > 80 ? documentName[^80..] : documentName;
        var safe = string.Create(tail.Length, tail, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '-' or '_' ? s[i] : '_';
        });
        return $"raw/{index:D5}-{safe.TrimStart('.')}";
    }
}
