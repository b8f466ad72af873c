namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>A name an expression reads.</summary>
/// <param name="Identifier">The identifier in the rewritten text (a placeholder for a bracketed name).</param>
/// <param name="Name">The name as written, without brackets.</param>
/// <param name="Position">Position of its first use in the original expression.</param>
internal sealed record NameUse(string Identifier, string Name, int Position);
