namespace EtlStudio.Data.Entities;

/// <summary>One lookup table of <see cref="Flow.Lookups"/>: the stored JSON's own record. The engine's
/// <c>LookupDefinition</c> is built from it and the referenced connection (with its secret) when a run starts, so a
/// renamed connection or a rotated secret needs no edit here.</summary>
public sealed record StoredLookup
{
    /// <summary>Name expressions use: <c>lookup('countries', code, 'name')</c>.</summary>
    public string Name { get; init; } = "";
    /// <summary>A database connection (the <see cref="Query"/> runs there) or a file connection (<see cref="Path"/>).</summary>
    public int? ConnectionId { get; init; }
    /// <summary>SELECT statement of a database connection.</summary>
    public string? Query { get; init; }
    /// <summary>File pattern relative to a file connection's folder or container.</summary>
    public string? Path { get; init; }
    /// <summary>How a file is parsed (its <see cref="StoredParseOptions.Format"/> included); ignored for a query.</summary>
    public StoredParseOptions? Parse { get; init; }
    public string KeyField { get; init; } = "";
    public int MaxEntries { get; init; } = Engine.Definitions.LookupDefinition.DefaultMaxEntries;
}
