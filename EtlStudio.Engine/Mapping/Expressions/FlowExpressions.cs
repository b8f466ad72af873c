using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Checks a flow's computed columns and row filter without running it: what a save (portal and API) asks.</summary>
public static class FlowExpressions
{
    /// <summary>Every expression problem of <paramref name="flow"/> (syntax, unknown names or functions, a lookup the
    /// flow does not define, a result type that does not fit its column, a filter that is not a condition); empty
    /// when all compile. Reads no source and no lookup data.</summary>
    public static IReadOnlyList<ExpressionProblem> Check(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var problems = new List<ExpressionProblem>();
        ExpressionCompiler.Compile(flow.Columns, flow.Filter, flow.Lookups, RowMapper.Converters(flow.Columns, null), problems);
        return problems;
    }

    /// <summary>The source fields <paramref name="columns"/>' computed columns and <paramref name="filter"/> read by name
    /// (not mapped columns, not run values), as the run's mapper binds them: a field only an expression reads is still
    /// read, so it is not an unmapped field.</summary>
    public static IReadOnlyList<string> SourceFieldsRead(IReadOnlyList<ColumnMap> columns, string? filter)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return ExpressionCompiler.SourceFieldNames(columns, filter);
    }
}
