using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading;

/// <summary>Compares the mapping with the catalog and lists every problem at once, so a user fixes them in one go.</summary>
internal static class DestinationCheck
{
    /// <summary>Checks <paramref name="columns"/> against <paramref name="catalog"/> (null: the table does not exist).
    /// <paramref name="compatible"/> says whether the provider can write a column type into a catalog column;
    /// <paramref name="rule"/> what the provider's database refuses of a value in it (the result's
    /// <see cref="DestinationCheckResult.Rules"/>).</summary>
    public static (DestinationCheckResult Result, ResolvedTarget? Target) Run(
        DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, TableCatalog? catalog,
        Func<TargetColumn, CatalogColumn, bool> compatible, Func<TargetColumn, CatalogColumn, ColumnRule> rule)
    {
        var table = destination.Table;
        if (catalog is null)
        {
            return (new DestinationCheckResult([$"Table '{table}' does not exist (or this login cannot see it)."]), null);
        }
        var problems = new List<string>();
        if (columns.Count == 0) problems.Add("No columns are mapped.");
        var resolved = new List<CatalogColumn>(columns.Count);
        foreach (var group in columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Column '{group.Key}' is mapped more than once.");
        }
        foreach (var column in columns)
        {
            var found = Find(catalog.Columns, column.Name);
            if (found is null)
            {
                problems.Add($"Column '{column.Name}' does not exist in table '{table}'.");
                continue;
            }
            resolved.Add(found);
            if (!compatible(column, found))
            {
                problems.Add($"Column '{found.Name}' is {Describe(found)}, which cannot take {column.Type} values.");
            }
            else if (column.Type == ColumnType.Decimal && column.Scale > found.Scale)
            {
                // The database would round these values without a word; an overflow, by contrast, fails loudly.
                problems.Add($"Column '{found.Name}' is {Describe(found)}, which would round decimals of scale {column.Scale}.");
            }
        }
        var keys = destination.Mode == LoadMode.Upsert ? CheckKeys(destination, columns, catalog, problems) : [];
        if (problems.Count > 0) return (new DestinationCheckResult(problems), null);
        var rules = TargetRules.For([.. columns.Select((c, i) => rule(c, resolved[i]))]);
        return (new DestinationCheckResult([]) { Rules = rules }, new ResolvedTarget(catalog, columns, resolved, keys));
    }

    private static List<string> CheckKeys(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, TableCatalog catalog, List<string> problems)
    {
        var keys = new List<string>();
        if (destination.KeyColumns.Count == 0)
        {
            problems.Add("Upsert needs key columns, and none are set.");
            return keys;
        }
        foreach (var key in destination.KeyColumns)
        {
            var found = Find(catalog.Columns, key);
            if (found is null) problems.Add($"Key column '{key}' does not exist in table '{destination.Table}'.");
            else if (!columns.Any(c => string.Equals(Find(catalog.Columns, c.Name)?.Name, found.Name, StringComparison.Ordinal)))
                problems.Add($"Key column '{key}' is not one of the mapped columns.");
            else keys.Add(found.Name);
        }
        if (keys.Count == destination.KeyColumns.Count
            && !catalog.UniqueKeys.Any(u => u.Count == keys.Count && keys.All(k => u.Contains(k, StringComparer.Ordinal))))
        {
            problems.Add($"Table '{destination.Table}' has no primary key or unique index on exactly ({string.Join(", ", keys)}); upsert needs one.");
        }
        return keys;
    }

    /// <summary>Exact spelling first; otherwise the one column whose name differs only in case.</summary>
    internal static CatalogColumn? Find(IReadOnlyList<CatalogColumn> columns, string name)
    {
        var exact = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
        if (exact is not null) return exact;
        var folded = columns.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return folded.Count == 1 ? folded[0] : null;
    }

    /// <summary>The column's type as messages show it: <c>numeric(5,2)</c>, <c>varchar(10)</c>, <c>text</c>.</summary>
    internal static string Describe(CatalogColumn c) => c switch
    {
        { Precision: not null, Scale: not null } when c.TypeName is "numeric" or "decimal" or "number" => $"{c.TypeName}({c.Precision},{c.Scale})",
        { Length: > 0 } => $"{c.TypeName}({c.Length})",
        _ => c.TypeName,
    };
}
