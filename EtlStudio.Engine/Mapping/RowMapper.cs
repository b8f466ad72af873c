using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Mapping.Expressions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Mapping;

/// <summary>A flow's column maps, checked and compiled once per run; <see cref="Bind"/> resolves the source fields
/// of one reader to handles so that mapping a row does no lookups by name.</summary>
/// <remarks>Empty and missing values are the same: after trimming (when on) an empty value takes the column's
/// default, and if still empty it is null (or rejects the row when the column is required) — for strings too, so
/// CSV, JSON and XML sources load alike.</remarks>
internal sealed class RowMapper
{
    private readonly ColumnMap[] _maps;
    private readonly ColumnConverter?[] _converters;
    private readonly ExpressionProgram? _program;

    private RowMapper(ColumnMap[] maps, ColumnConverter?[] converters, ExpressionProgram? program)
    {
        _maps = maps;
        _converters = converters;
        _program = program;
        Columns = [.. maps.Select(TargetColumn.Of)];
    }

    /// <summary>Target columns in row order.</summary>
    public IReadOnlyList<TargetColumn> Columns { get; }

    /// <summary>The compiled computed columns and row filter; null when the flow has neither.</summary>
    public ExpressionProgram? Expressions => _program;

    /// <summary>Checks and compiles, with the flow's row <paramref name="filter"/> and the <paramref name="lookups"/> its
    /// expressions may name (null: not checked); every problem of the mapping is listed in one <see cref="EtlDataException"/>.</summary>
    public static RowMapper Compile(IReadOnlyList<ColumnMap> maps, string flowName, string? filter = null, IReadOnlyList<LookupDefinition>? lookups = null)
    {
        var problems = new List<string>();
        if (maps.Count == 0) problems.Add("no columns are mapped");
        foreach (var dup in maps.GroupBy(m => m.TargetColumn, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"column '{dup.Key}' is mapped {dup.Count()} times");
        }
        var converters = new ColumnConverter?[maps.Count];
        for (var i = 0; i < maps.Count; i++)
        {
            var map = maps[i];
            if (string.IsNullOrWhiteSpace(map.TargetColumn)) problems.Add($"column {i + 1} has no target name");
            if (DerivedColumn.Problem(map) is { } derived) problems.Add(derived);
            if (map.IsComputed() && map.Derived != DerivedValue.None) problems.Add($"column '{map.TargetColumn}' is computed, so it cannot also take the derived value {map.Derived}");
            if (map.Derived == DerivedValue.None && !map.IsComputed() && string.IsNullOrWhiteSpace(map.SourceField)) problems.Add($"column '{map.TargetColumn}' has no source field");
            if (map.Type == ColumnType.Decimal && map.Precision is { } p && (p is < 1 or > 28 || map.Scale is < 0 || map.Scale > p))
            {
                problems.Add($"column '{map.TargetColumn}': decimal({p},{map.Scale}) is not a valid precision and scale (1 ≤ p ≤ 28, 0 ≤ s ≤ p)");
            }
            converters[i] = Converter(map, problems);
        }
        ExpressionProgram? program = null;
        if (problems.Count == 0 && (maps.Any(m => m.IsComputed()) || !string.IsNullOrWhiteSpace(filter)))
        {
            var expressionProblems = new List<ExpressionProblem>();
            program = ExpressionCompiler.Compile(maps, filter, lookups, converters, expressionProblems);
            problems.AddRange(expressionProblems.Select(p => p.Message));
        }
        if (problems.Count > 0) throw new EtlDataException($"flow '{flowName}' has an invalid mapping: {string.Join("; ", problems)}");
        return new RowMapper([.. maps], converters, program);
    }

    /// <summary>Each column's converter (null for derived columns); an unknown culture is a problem when
    /// <paramref name="problems"/> is given, else the column gets no converter.</summary>
    internal static ColumnConverter?[] Converters(IReadOnlyList<ColumnMap> maps, List<string>? problems) => [.. maps.Select(m => Converter(m, problems))];

    private static ColumnConverter? Converter(ColumnMap map, List<string>? problems)
    {
        if (map.Derived != DerivedValue.None) return null;
        try
        {
            var culture = string.IsNullOrWhiteSpace(map.Culture) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(map.Culture, predefinedOnly: true);
            return new ColumnConverter(map, culture);
        }
        catch (CultureNotFoundException)
        {
            problems?.Add($"column '{map.TargetColumn}': unknown culture '{map.Culture}'");
            return null;
        }
    }

    /// <summary>Binds the source fields to <paramref name="reader"/>'s handles, and the message-derived columns to
    /// <paramref name="message"/> (the document's message; null for other sources, whose message columns are null).
    /// A run passes its <paramref name="check"/> of the mapped fields the input lacks; a preview does not.</summary>
    public BoundRowMapper Bind(IRecordReader reader, SourceMessage? message = null, MappedFieldCheck? check = null)
    {
        var handles = new int[_maps.Length];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = _maps[i].Derived == DerivedValue.None && !_maps[i].IsComputed() ? reader.Bind(_maps[i].SourceField!) : -1;
        }
        check?.Bound(reader, handles);
        var expressions = _program is null ? null : new ExpressionRow(reader, BindFields(_program, reader), _program);
        return new BoundRowMapper(_maps, _converters, handles, reader, MessageColumns.Cells(_maps, message), check, _program, expressions);
    }

    /// <summary>The handles of the source fields the expressions read. A field the reader knows it cannot have (a CSV
    /// header without it) fails: a misspelt name would otherwise read null on every row.</summary>
    private static int[] BindFields(ExpressionProgram program, IRecordReader reader)
    {
        var handles = new int[program.SourceFields.Count];
        for (var f = 0; f < handles.Length; f++)
        {
            var use = program.SourceFields[f];
            handles[f] = reader.Bind(use.Field);
            if (handles[f] >= 0) continue;
            var fields = reader.Fields.Count == 0 ? "none by name" : string.Join(", ", reader.Fields.Select(n => $"'{n}'"));
            throw new EtlDataException(
                $"{use.Owner}: position {use.Position}: unknown name '{use.Field}': it is not a mapped column, nor a run value, nor a field of the input (its fields are {fields})",
                reader.Origin, 0);
        }
        return handles;
    }
}
