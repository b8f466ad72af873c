using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
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

    private RowMapper(ColumnMap[] maps, ColumnConverter?[] converters)
    {
        _maps = maps;
        _converters = converters;
        Columns = [.. maps.Select(TargetColumn.Of)];
    }

    /// <summary>Target columns in row order.</summary>
    public IReadOnlyList<TargetColumn> Columns { get; }

    /// <summary>Checks and compiles; every problem of the mapping is listed in one <see cref="EtlDataException"/>.</summary>
    public static RowMapper Compile(IReadOnlyList<ColumnMap> maps, string flowName)
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
            if (map.Derived == DerivedValue.None && string.IsNullOrWhiteSpace(map.SourceField)) problems.Add($"column '{map.TargetColumn}' has no source field");
            if (map.Type == ColumnType.Decimal && map.Precision is { } p && (p is < 1 or > 28 || map.Scale is < 0 || map.Scale > p))
            {
                problems.Add($"column '{map.TargetColumn}': decimal({p},{map.Scale}) is not a valid precision and scale (1 ≤ p ≤ 28, 0 ≤ s ≤ p)");
            }
            if (map.Derived != DerivedValue.None) continue;
            try
            {
                var culture = string.IsNullOrWhiteSpace(map.Culture) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(map.Culture, predefinedOnly: true);
                converters[i] = new ColumnConverter(map, culture);
            }
            catch (CultureNotFoundException)
            {
                problems.Add($"column '{map.TargetColumn}': unknown culture '{map.Culture}'");
            }
        }
        if (problems.Count > 0) throw new EtlDataException($"flow '{flowName}' has an invalid mapping: {string.Join("; ", problems)}");
        return new RowMapper([.. maps], converters);
    }

    /// <summary>Binds the source fields to <paramref name="reader"/>'s handles, and the message-derived columns to
    /// <paramref name="message"/> (the document's message; null for other sources, whose message columns are null).
    /// A run passes its <paramref name="check"/> of the mapped fields the input lacks; a preview does not.</summary>
    public BoundRowMapper Bind(IRecordReader reader, SourceMessage? message = null, MappedFieldCheck? check = null)
    {
        var handles = new int[_maps.Length];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = _maps[i].Derived == DerivedValue.None ? reader.Bind(_maps[i].SourceField!) : -1;
        }
        check?.Bound(reader, handles);
        return new BoundRowMapper(_maps, _converters, handles, reader, MessageColumns.Cells(_maps, message), check);
    }
}
