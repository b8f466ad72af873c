namespace EtlStudio.Engine.Mapping.Lookups;

/// <summary>One field of one loaded lookup, by key. Read-only after the load, so any number of threads may read it.</summary>
internal sealed class LookupColumn
{
    private readonly Dictionary<string, int> _rows;
    private readonly string?[] _values;

    public LookupColumn(string lookup, string field, Dictionary<string, int> rows, string?[] values)
    {
        (Lookup, Field, _rows, _values) = (lookup, field, rows, values);
    }

    /// <summary>The lookup's name as defined.</summary>
    public string Lookup { get; }

    /// <summary>The field, as the expressions name it.</summary>
    public string Field { get; }

    /// <summary>Finds the entry whose key is <paramref name="key"/> (exact ordinal text). False when there is none,
    /// and for a null key, which no entry has. An entry's value may itself be null (empty in the source).</summary>
    public bool TryGet(string? key, out string? value)
    {
        if (key is not null && _rows.TryGetValue(key, out var row))
        {
            value = _values[row];
            return true;
        }
        value = null;
        return false;
    }
}
