using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Expressions;

namespace EtlStudio.Web.Flows;

/// <summary>The engine's compile check of a flow's computed columns and row filter (<see cref="FlowExpressions.Check"/>),
/// as field problems of a <see cref="FlowForm"/>: a column's under <c>Columns[i].Expression</c>, the filter's under
/// <c>Filter</c>. <see cref="FlowService"/> runs it on every save, so the designer, the API and the importer refuse a
/// flow whose expression does not compile with the engine's own words (column and position).</summary>
internal static class FlowExpressionCheck
{
    /// <summary>Every expression problem of <paramref name="form"/> (already validated).</summary>
    public static IReadOnlyList<ExpressionProblem> Check(FlowForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        // A flow without expressions has nothing to compile.
        if (string.IsNullOrWhiteSpace(form.Filter) && !form.Columns.Any(c => c.IsComputed)) return [];
        return FlowExpressions.Check(Definition(form));
    }

    /// <summary><paramref name="problems"/> keyed by the property path of the field that holds the expression.</summary>
    public static Dictionary<string, string> Errors(FlowForm form, IReadOnlyList<ExpressionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(problems);
        var errors = new Dictionary<string, string>();
        foreach (var problem in problems)
        {
            var key = problem.Column is null ? nameof(FlowForm.Filter) : ColumnKey(form, problem.Column);
            // The first problem of an expression is the one to fix first; later ones often follow from it.
            errors.TryAdd(key, problem.Message);
        }
        return errors;
    }

    private static string ColumnKey(FlowForm form, string column)
    {
        var index = form.Columns.FindIndex(c => string.Equals(c.TargetColumn.Trim(), column, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? nameof(FlowForm.Columns) : $"{nameof(FlowForm.Columns)}[{index}].{nameof(ColumnMappingForm.Expression)}";
    }

    /// <summary>What the check reads: columns, filter and lookup names. Sources and destination are stand-ins: the check
    /// reads no data and connects to nothing.</summary>
    private static FlowDefinition Definition(FlowForm form) => new()
    {
        Name = form.Name.Trim(),
        Source = new MessageSourceDefinition { Messages = [] },
        Parse = form.Parse,
        Columns = [.. form.Columns.Select(c => c.ToMap())],
        Filter = string.IsNullOrWhiteSpace(form.Filter) ? null : form.Filter.Trim(),
        Lookups = [.. form.Lookups.Select(l => new LookupDefinition
        {
            Name = l.Name.Trim(),
            Source = new FileSourceDefinition { Location = "" },
            Parse = l.Parse,
            KeyField = l.KeyField.Trim(),
            MaxEntries = l.MaxEntries,
        })],
        UnmappedFields = form.UnmappedFields,
        Destination = new DestinationDefinition { Provider = DatabaseProvider.Sqlite, ConnectionString = "", Table = form.DestinationTable?.Trim() ?? "" },
    };
}
