namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Functions rewritten into typed code after parsing (see <see cref="ExpressionMacros"/>).</summary>
internal enum Macro
{
    If,
    Case,
    Coalesce,
    NullIf,
    Min,
    Max,
    Concat,
    ToText,
    Now,
    Lookup,
}
