using System.Diagnostics;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Mapping.Lookups;

/// <summary>A run's lookup tables (<see cref="FlowDefinition.Lookups"/>), loaded once before the first row is mapped
/// and then only read, from any number of threads, by the expressions' <c>lookup(name, key, field)</c>.</summary>
/// <remarks>
/// <para>Keys compare as exact ordinal text: <c>NL</c>, <c>nl</c> and <c>NL </c> are three keys, and a database number
/// key is its invariant text (<c>42</c>, <c>1.5</c>), so the expression must pass the key as that same text. A record
/// whose key is null or empty has no entry (the run log counts them); two records with the same key fail the load,
/// since picking one would silently depend on the order of the source.</para>
/// <para>Only the key and the fields some expression reads are kept: a lookup of a wide table costs the columns
/// used, not its width. Values are the source's text (database values as invariant text: numbers with '.', dates
/// ISO 8601); an empty value is null, as it is for a mapped field.</para>
/// </remarks>
public sealed class LookupTables
{
    private readonly Dictionary<string, LookupTable> _tables;

    private LookupTables(Dictionary<string, LookupTable> tables) => _tables = tables;

    /// <summary>No lookups: a flow that defines none, or whose expressions read none.</summary>
    public static LookupTables Empty { get; } = new(new Dictionary<string, LookupTable>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads every lookup that an expression uses, one after the other, through the engine's own sources and
    /// parsers. A lookup that no expression reads is not loaded.</summary>
    /// <param name="lookups">The flow's lookups.</param>
    /// <param name="fieldsUsed">Per lookup name (any case), the fields the flow's expressions read from it.</param>
    /// <param name="sources">Opens files and queries, as for the flow's own source.</param>
    /// <param name="log">Receives entry counts, load times and ignored records; null drops them.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <exception cref="EtlDataException">A lookup's definition or data is wrong (duplicate name or key, a field its
    /// source does not have, a bad record, too many entries, a missing file, a failing query); the message starts with
    /// <c>lookup 'name': </c> and says where.</exception>
    /// <exception cref="LookupLoadException">A lookup's source could not be read for another reason (an unreachable
    /// database); the inner exception is the cause.</exception>
    internal static async Task<LookupTables> LoadAsync(IReadOnlyList<LookupDefinition> lookups,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> fieldsUsed, ISourceFactory sources, IRunLog? log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        ArgumentNullException.ThrowIfNull(fieldsUsed);
        ArgumentNullException.ThrowIfNull(sources);
        LookupDefinitions.Check(lookups);
        var used = LookupDefinitions.FieldsByLookup(fieldsUsed, lookups);
        var tables = new Dictionary<string, LookupTable>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in lookups)
        {
            if (!used.TryGetValue(definition.Name, out var fields))
            {
                log?.Info($"lookup '{definition.Name}': no expression reads it, so it is not loaded");
                continue;
            }
            var start = Stopwatch.GetTimestamp();
            var table = await LookupLoader.LoadAsync(definition, fields, sources, log, cancellationToken);
            log?.Info(FormattableString.Invariant(
                $"lookup '{definition.Name}': {table.Count:N0} {(table.Count == 1 ? "entry" : "entries")} ({fields.Count} {(fields.Count == 1 ? "field" : "fields")}) loaded from {table.Source} in {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms"));
            tables.Add(definition.Name, table);
        }
        return new LookupTables(tables);
    }

    /// <summary>Reader of one loaded field of one lookup, resolved once per run so that each row costs one dictionary
    /// probe.</summary>
    /// <exception cref="EtlDataException">The lookup is not loaded (not defined, or no expression read it when the
    /// tables were loaded), or the field was not one of the fields used.</exception>
    internal LookupColumn Column(string lookup, string field)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(field);
        if (!_tables.TryGetValue(lookup, out var table))
        {
            var loaded = _tables.Count == 0 ? "none" : string.Join(", ", _tables.Keys.Select(k => $"'{k}'"));
            throw new EtlDataException($"lookup '{lookup}': field '{field}': no such lookup was loaded for this run (loaded: {loaded})");
        }
        return table.Column(field);
    }
}
