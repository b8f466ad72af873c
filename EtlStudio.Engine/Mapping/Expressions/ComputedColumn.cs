using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Whether a column is computed by an expression rather than read from a source field or the run.</summary>
internal static class ComputedColumn
{
    public static bool IsComputed(this ColumnMap map) => !string.IsNullOrWhiteSpace(map.Expression);
}
