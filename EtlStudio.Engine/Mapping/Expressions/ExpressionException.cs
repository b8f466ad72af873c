namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>An expression that does not compile, at a 0-based position of its text (null: the expression as a whole).</summary>
internal sealed class ExpressionException(int? position, string message) : Exception(message)
{
    public int? Position { get; } = position;
}
