using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping.Lookups;

/// <summary>Checks a flow's lookups before any is read, so a definition mistake fails the run before it costs a query.</summary>
internal static class LookupDefinitions
{
    /// <summary>Fails for an unnamed, unkeyed or twice-named lookup, a limit below 1, or a source that is neither a
    /// query nor files.</summary>
    public static void Check(IReadOnlyList<LookupDefinition> lookups)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var lookup in lookups)
        {
            ArgumentNullException.ThrowIfNull(lookup);
            if (string.IsNullOrWhiteSpace(lookup.Name))
            {
                throw new EtlDataException("a lookup has no name: expressions find a lookup by its name");
            }
            if (!names.Add(lookup.Name))
            {
                throw new EtlDataException($"lookup '{lookup.Name}': the flow defines this name twice (names compare without regard to case)");
            }
            if (string.IsNullOrWhiteSpace(lookup.KeyField))
            {
                throw new EtlDataException($"lookup '{lookup.Name}': no key field is set");
            }
            if (lookup.MaxEntries < 1)
            {
                throw new EtlDataException($"lookup '{lookup.Name}': its entry limit is {lookup.MaxEntries}; it must be at least 1");
            }
            if (lookup.Source is not (DatabaseSourceDefinition or FileSourceDefinition))
            {
                throw new EtlDataException($"lookup '{lookup.Name}': its source is {lookup.Source?.GetType().Name ?? "missing"}; a lookup reads a database query or files");
            }
        }
    }

    /// <summary>The fields used per lookup, under the lookup's own name, each field once. A name the flow does not
    /// define fails: an expression would read a lookup that is not there.</summary>
    public static Dictionary<string, List<string>> FieldsByLookup(
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> fieldsUsed, IReadOnlyList<LookupDefinition> lookups)
    {
        var byName = lookups.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
        var used = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, fields) in fieldsUsed)
        {
            if (!byName.TryGetValue(name, out var lookup))
            {
                var defined = lookups.Count == 0 ? "it defines none" : "its lookups are " + string.Join(", ", lookups.Select(l => $"'{l.Name}'"));
                throw new EtlDataException($"lookup '{name}': an expression reads it, but the flow does not define it ({defined})");
            }
            if (!used.TryGetValue(lookup.Name, out var list)) used.Add(lookup.Name, list = []);
            foreach (var field in fields ?? [])
            {
                if (string.IsNullOrEmpty(field))
                {
                    throw new EtlDataException($"lookup '{lookup.Name}': an expression reads a field with no name");
                }
                if (!list.Contains(field, StringComparer.Ordinal)) list.Add(field);
            }
        }
        return used;
    }
}
