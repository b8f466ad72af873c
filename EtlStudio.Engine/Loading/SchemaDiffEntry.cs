namespace EtlStudio.Engine.Loading;

/// <summary>One line of a <see cref="SchemaPlan"/>'s diff: a source field, a mapped column or a table column.</summary>
/// <param name="Name">The source field, or the column when no source field is involved.</param>
/// <param name="InSource">Whether the source has the field; null when the source's fields are not known (a computed or
/// run-value column, a table column, or no source fields were given).</param>
/// <param name="MappedTo">The target column the field is (or would be) loaded into; null when nothing maps it.</param>
/// <param name="TableType">The table column's type as the catalog names it (<c>numeric(10,2)</c>); null when the table
/// has no such column.</param>
/// <param name="Status">What the difference is.</param>
public sealed record SchemaDiffEntry(string Name, bool? InSource, string? MappedTo, string? TableType, SchemaDiffStatus Status);
