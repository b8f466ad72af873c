namespace EtlStudio.Web.Api;

/// <summary>An expression that does not compile, in a refused flow save: the computed column (null: the row filter),
/// the 0-based character position in the expression (null: the expression as a whole) and what is wrong.</summary>
internal sealed record ExpressionProblemDto(string? Column, int? Position, string Message);
