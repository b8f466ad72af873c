namespace EtlStudio.Engine.Mapping.Lookups;

/// <summary>One loaded lookup: its keys once, mapped to an entry number, and one array of values per field used, so an
/// entry costs its key, its values and a few references rather than an object per entry.</summary>
internal sealed class LookupTable(string name, string source, Dictionary<string, int> rows, Dictionary<string, string?[]> columns)
{
    /// <summary>The lookup's name as defined.</summary>
    public string Name { get; } = name;

    /// <summary>Where the entries came from (files or query, never a connection string), for the run log.</summary>
    public string Source { get; } = source;

    /// <summary>Entries (distinct keys).</summary>
    public int Count => rows.Count;

    public LookupColumn Column(string field)
    {
        if (columns.TryGetValue(field, out var values)) return new LookupColumn(Name, field, rows, values);
        var loaded = columns.Count == 0 ? "none" : string.Join(", ", columns.Keys.Select(k => $"'{k}'"));
        throw new EtlDataException($"lookup '{Name}': field '{field}' was not loaded for this run (loaded: {loaded})");
    }
}
