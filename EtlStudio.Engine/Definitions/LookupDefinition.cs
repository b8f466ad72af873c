namespace EtlStudio.Engine.Definitions;

/// <summary>A table read once per run into memory, keyed by one field, that expressions read through
/// <c>lookup(name, key, field)</c>.</summary>
public sealed record LookupDefinition
{
    /// <summary>Default of <see cref="MaxEntries"/>.</summary>
    public const int DefaultMaxEntries = 1_000_000;

    /// <summary>Name expressions use (<c>lookup('countries', country_code, 'name')</c>); unique in the flow, compared
    /// without regard to case.</summary>
    public required string Name { get; init; }
    /// <summary>Where the entries come from: a database query (<see cref="DatabaseSourceDefinition"/>) or a file
    /// (<see cref="FileSourceDefinition"/>, parsed with <see cref="Parse"/>).</summary>
    public required SourceDefinition Source { get; init; }
    /// <summary>How a file source's bytes become records; ignored for a database query.</summary>
    public ParseDefinition Parse { get; init; } = new();
    /// <summary>The field whose text is the key. Keys compare as exact text; a duplicate key fails the run.</summary>
    public required string KeyField { get; init; }
    /// <summary>More entries than this fail the run, naming the lookup: a lookup lives in memory.</summary>
    public int MaxEntries { get; init; } = DefaultMaxEntries;
}
