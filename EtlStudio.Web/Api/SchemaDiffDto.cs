using EtlStudio.Engine.Loading;

namespace EtlStudio.Web.Api;

/// <summary>One line of a schema plan's diff: a source field or column, whether the source has it (null: not known),
/// the column it maps to, the table column's type, and how it stands.</summary>
internal sealed record SchemaDiffDto(string Name, bool? InSource, string? MappedTo, string? TableType, SchemaDiffStatus Status);
