namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Why an expression of a flow does not compile.</summary>
/// <param name="Column">The computed column's target name; null for the flow's row filter.</param>
/// <param name="Position">0-based character position in the expression where the problem was found; null when the
/// problem is the expression as a whole (e.g. its type does not fit the column).</param>
/// <param name="Message">What is wrong, naming the column (or the filter) and the position.</param>
public sealed record ExpressionProblem(string? Column, int? Position, string Message);
