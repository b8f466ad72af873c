using System.Linq.Expressions;
using System.Text.RegularExpressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>Parses, type-checks and compiles a flow's computed columns and row filter (once per run, never per row).</summary>
/// <remarks>DynamicExpresso is confined: no common types, no late binding, no reflection, no assignment, no lambdas;
/// the only functions are <see cref="ExpressionFunctions"/>'s, the only names the row's columns, source fields and run
/// values, and <see cref="ExpressionText"/> refuses member access before parsing.</remarks>
internal sealed partial class ExpressionCompiler
{
    private const InterpreterOptions Options = InterpreterOptions.SystemKeywords | InterpreterOptions.CaseInsensitive;
    private static readonly string[] RunValueNames = ["run_id", "load_time", "source_name", "row_number"];
    private readonly IReadOnlyList<ColumnMap> _maps;
    private readonly IReadOnlyList<LookupDefinition>? _lookups;
    private readonly List<ExpressionProblem> _problems;
    private readonly ParameterExpression _row = Expression.Parameter(typeof(ExpressionRow), "row");
    private readonly List<SourceFieldUse> _fields = [];
    private readonly List<LookupBinding> _slots = [];

    private ExpressionCompiler(IReadOnlyList<ColumnMap> maps, IReadOnlyList<LookupDefinition>? lookups, List<ExpressionProblem> problems)
    {
        _maps = maps;
        _lookups = lookups;
        _problems = problems;
    }

    /// <summary>Compiles the computed columns of <paramref name="maps"/> and <paramref name="filter"/>; adds every problem
    /// to <paramref name="problems"/> and returns null when there is any. <paramref name="lookups"/>: the flow's lookups,
    /// which a lookup call must name (null: not checked). <paramref name="converters"/>: each computed column's
    /// converter, for text results.</summary>
    public static ExpressionProgram? Compile(
        IReadOnlyList<ColumnMap> maps, string? filter, IReadOnlyList<LookupDefinition>? lookups, ColumnConverter?[] converters, List<ExpressionProblem> problems)
    {
        var before = problems.Count;
        var compiler = new ExpressionCompiler(maps, lookups, problems);
        var computed = new Func<ExpressionRow, object?>?[maps.Count];
        var dependencies = new HashSet<int>[maps.Count];
        for (var c = 0; c < maps.Count; c++)
        {
            dependencies[c] = [];
            if (!maps[c].IsComputed()) continue;
            var column = maps[c].TargetColumn;
            var body = compiler.Parse(maps[c].Expression!, c, column, dependencies[c]);
            if (body is null || converters[c] is not { } converter) continue;
            try
            {
                var cell = ExpressionCoercion.ToColumn(body, maps[c], converter);
                computed[c] = Expression.Lambda<Func<ExpressionRow, object?>>(cell, compiler._row).Compile();
            }
            catch (ExpressionException e)
            {
                compiler.Problem(column, e.Position, e.Message);
            }
        }
        Func<ExpressionRow, bool>? compiledFilter = null;
        var filterDependencies = new HashSet<int>();
        if (!string.IsNullOrWhiteSpace(filter) && compiler.Parse(filter, maps.Count, null, filterDependencies) is { } condition)
        {
            if (condition.Type == typeof(bool?)) condition = Expression.Equal(condition, Expression.Constant(true, typeof(bool?)));
            if (condition.Type == typeof(bool)) compiledFilter = Expression.Lambda<Func<ExpressionRow, bool>>(condition, compiler._row).Compile();
            else compiler.Problem(null, null, $"the filter gives {TypeNames.Of(condition.Type)}, not a condition (true or false)");
        }
        if (problems.Count > before) return null;
        var (order, beforeFilter) = Order(maps, dependencies, compiledFilter is null ? null : filterDependencies);
        return new ExpressionProgram
        {
            Computed = computed,
            Texts = [.. maps.Select(m => m.IsComputed() ? m.Expression : null)],
            Filter = compiledFilter,
            FilterText = compiledFilter is null ? null : filter,
            SourceFields = compiler._fields,
            Lookups = [.. compiler._slots],
            Order = order,
            BeforeFilter = beforeFilter,
        };
    }

    /// <summary>The source fields the computed columns of <paramref name="maps"/> and <paramref name="filter"/> read by
    /// name: the list <see cref="Compile"/> gives <see cref="ExpressionProgram.SourceFields"/>, also when an expression
    /// has a problem (its other names still count).</summary>
    public static IReadOnlyList<string> SourceFieldNames(IReadOnlyList<ColumnMap> maps, string? filter)
    {
        var compiler = new ExpressionCompiler(maps, null, []);
        for (var c = 0; c < maps.Count; c++)
        {
            if (maps[c].IsComputed()) compiler.Parse(maps[c].Expression!, c, maps[c].TargetColumn, []);
        }
        if (!string.IsNullOrWhiteSpace(filter)) compiler.Parse(filter, maps.Count, null, []);
        return [.. compiler._fields.Select(f => f.Field)];
    }

    /// <summary>The row's mapping order: the columns the filter needs (with what their computed columns need), source
    /// columns before computed ones, then the others the same way.</summary>
    private static (int[] Order, int BeforeFilter) Order(IReadOnlyList<ColumnMap> maps, HashSet<int>[] dependencies, HashSet<int>? filter)
    {
        var needed = new HashSet<int>();
        var pending = new Stack<int>(filter ?? []);
        while (pending.TryPop(out var c))
        {
            if (!needed.Add(c)) continue;
            foreach (var d in dependencies[c]) pending.Push(d);
        }
        var all = Enumerable.Range(0, maps.Count);
        int[] order =
        [
            .. all.Where(c => needed.Contains(c) && !maps[c].IsComputed()), .. all.Where(c => needed.Contains(c) && maps[c].IsComputed()),
            .. all.Where(c => !needed.Contains(c) && !maps[c].IsComputed()), .. all.Where(c => !needed.Contains(c) && maps[c].IsComputed()),
        ];
        return (order, needed.Count);
    }

    /// <summary>The typed body of one expression, or null after adding its problems. <paramref name="index"/>: the
    /// computed column's index (it may read only earlier computed columns), or the column count for the filter.</summary>
    private Expression? Parse(string expression, int index, string? column, HashSet<int> dependencies)
    {
        ExpressionText text;
        try
        {
            text = ExpressionText.Rewrite(expression);
        }
        catch (ExpressionException e)
        {
            Problem(column, e.Position, e.Message);
            return null;
        }
        foreach (var position in text.NonConstantLookups)
        {
            Problem(column, position, "the lookup's name must be text in quotes, e.g. lookup('countries', country_code, 'name')");
        }
        var interpreter = new Interpreter(Options).EnableAssignment(AssignmentOperators.None);
        ExpressionFunctions.Register(interpreter);
        var ok = true;
        foreach (var use in text.Names.DistinctBy(n => n.Identifier, StringComparer.OrdinalIgnoreCase))
        {
            if (Name(use, index, column, dependencies) is { } value) interpreter.SetExpression(use.Identifier, value);
            else ok = false;
        }
        if (!ok || text.NonConstantLookups.Count > 0) return null;
        try
        {
            var lambda = interpreter.Parse(text.Rewritten, new Parameter(_row));
            return new ExpressionMacros(_row, Slot).Visit(lambda.Expression);
        }
        catch (ParseException e)
        {
            Problem(column, text.OriginalPosition(e.Position), Friendly(e));
        }
        catch (ExpressionException e)
        {
            Problem(column, e.Position is { } p ? text.OriginalPosition(p) : null, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or DynamicExpressoException)
        {
            // Expression trees refuse some combinations DynamicExpresso let through (e.g. an operator between types).
            Problem(column, null, e.Message);
        }
        return null;
    }

    /// <summary>What a name reads: a mapped column (typed), a run value, or else a source field's raw text.</summary>
    private Expression? Name(NameUse use, int index, string? column, HashSet<int> dependencies)
    {
        for (var c = 0; c < _maps.Count; c++)
        {
            if (!string.Equals(_maps[c].TargetColumn, use.Name, StringComparison.OrdinalIgnoreCase)) continue;
            if (_maps[c].IsComputed() && c >= index)
            {
                Problem(column, use.Position, c == index
                    ? $"'{use.Name}' is this column itself: a computed column cannot use its own value"
                    : $"'{use.Name}' is computed after this column: a computed column may use only the computed columns before it");
                return null;
            }
            dependencies.Add(c);
            var cells = Expression.Field(_row, nameof(ExpressionRow.Row));
            return Expression.Convert(Expression.ArrayIndex(cells, Expression.Constant(c)), TypeNames.Clr(_maps[c].Type));
        }
        var run = Expression.Field(_row, nameof(ExpressionRow.Run));
        switch (use.Name.ToLowerInvariant())
        {
            case "run_id": return Expression.Property(run, nameof(RunValues.RunId));
            case "load_time": return Expression.Property(run, nameof(RunValues.LoadTime));
            case "source_name": return Expression.Property(_row, nameof(ExpressionRow.SourceName));
            case "row_number": return Expression.Property(_row, nameof(ExpressionRow.RowNumber));
        }
        var field = _fields.FindIndex(f => string.Equals(f.Field, use.Name, StringComparison.Ordinal));
        if (field < 0)
        {
            field = _fields.Count;
            _fields.Add(new SourceFieldUse(use.Name, Owner(column), use.Position));
        }
        return Expression.Call(_row, nameof(ExpressionRow.Field), null, Expression.Constant(field));
    }

    private int Slot(string lookup, string field)
    {
        if (_lookups is not null && !_lookups.Any(l => string.Equals(l.Name, lookup, StringComparison.OrdinalIgnoreCase)))
        {
            var known = _lookups.Count == 0 ? "the flow defines no lookups" : $"the flow's lookups are {string.Join(", ", _lookups.Select(l => $"'{l.Name}'"))}";
            throw new ExpressionException(null, $"lookup '{lookup}' is not defined: {known}");
        }
        var slot = _slots.FindIndex(s => string.Equals(s.Lookup, lookup, StringComparison.OrdinalIgnoreCase) && string.Equals(s.Field, field, StringComparison.Ordinal));
        if (slot >= 0) return slot;
        _slots.Add(new LookupBinding(lookup, field));
        return _slots.Count - 1;
    }

    private static string Owner(string? column) => column is null ? "filter" : $"column '{column}'";

    private void Problem(string? column, int? position, string message) =>
        _problems.Add(new ExpressionProblem(column, position, position is { } p ? $"{Owner(column)}: position {p}: {message}" : $"{Owner(column)}: {message}"));

    private static string Friendly(ParseException e)
    {
        var message = AtIndex().Replace(e.Message, "");
        if (e is UnknownIdentifierException && UnknownName().Match(message) is { Success: true } m)
        {
            return $"unknown function '{m.Groups[1].Value}' (known: {string.Join(", ", ExpressionFunctions.Names.Order(StringComparer.Ordinal))})";
        }
        return message;
    }

    [GeneratedRegex(@"\s*\(at index \d+\)\.?\s*$")]
    private static partial Regex AtIndex();

    [GeneratedRegex("Unknown identifier '([^']*)'")]
    private static partial Regex UnknownName();
}
