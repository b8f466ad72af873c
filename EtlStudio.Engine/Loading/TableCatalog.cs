namespace EtlStudio.Engine.Loading;

/// <summary>What the catalog says about the destination table.</summary>
/// <param name="Schema">Schema (owner), spelled as in the catalog; null where the database has none.</param>
/// <param name="Name">Table name, spelled as in the catalog.</param>
/// <param name="Columns">Columns in table order.</param>
/// <param name="UniqueKeys">Column sets of the primary key and of unique, non-partial indexes.</param>
/// <param name="Partitioned">A partitioned table (PostgreSQL), whose rows have no system columns to return.</param>
internal sealed record TableCatalog(string? Schema, string Name, IReadOnlyList<CatalogColumn> Columns, IReadOnlyList<IReadOnlyList<string>> UniqueKeys, bool Partitioned = false);
