namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>A source field an expression reads by name, and where it is first named (for an error when the input
/// cannot have it).</summary>
/// <param name="Field">The field name or path.</param>
/// <param name="Owner">"column 'total'" or "filter".</param>
/// <param name="Position">Position in that expression.</param>
internal sealed record SourceFieldUse(string Field, string Owner, int Position);
