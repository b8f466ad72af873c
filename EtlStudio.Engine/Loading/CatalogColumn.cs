namespace EtlStudio.Engine.Loading;

/// <summary>A column as the destination's catalog describes it.</summary>
/// <param name="Name">Name, spelled as in the catalog.</param>
/// <param name="TypeName">Provider type name in lower case (<c>numeric</c>, <c>nvarchar</c>, <c>timestamp with time zone</c>).</param>
/// <param name="Length">Character/byte length where the type has one (-1 = max).</param>
/// <param name="Precision">Numeric precision where known.</param>
/// <param name="Scale">Numeric scale (or fractional seconds) where known.</param>
/// <param name="Collation">Collation of a text column where the database reports one (SQL Server).</param>
/// <param name="NotNull">The database refuses a NULL written into the column: NOT NULL, and no identity or default
/// that takes the NULL's place (SQL Server identity, Oracle DEFAULT ON NULL, SQLite's rowid alias). A plain default
/// does not count: the loaders write every mapped column, NULLs included.</param>
internal sealed record CatalogColumn(string Name, string TypeName, int? Length = null, int? Precision = null, int? Scale = null, string? Collation = null, bool NotNull = false);
