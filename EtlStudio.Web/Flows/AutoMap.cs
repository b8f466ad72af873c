using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>Matches detected source fields to target columns by name, ignoring case, spaces, underscores, dashes
/// and dots (<c>Customer ID</c> = <c>customer_id</c> = <c>customerId</c>).</summary>
public static class AutoMap
{
    public static string Key(string name) =>
        new([.. name.Where(ch => ch is not (' ' or '_' or '-' or '.')).Select(char.ToLowerInvariant)]);

    /// <summary>Fills the source field of every non-derived column that has none and whose target name matches a field;
    /// with no columns yet, adds one String column per field. Returns how many columns it mapped.</summary>
    public static int Apply(List<ColumnMappingForm> columns, IReadOnlyList<string> fields)
    {
        if (columns.Count == 0)
        {
            columns.AddRange(fields.Select(f => new ColumnMappingForm { SourceField = f, TargetColumn = TargetName(f) }));
            return fields.Count;
        }
        var byKey = fields.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var mapped = 0;
        foreach (var column in columns.Where(c => c.Derived == DerivedValue.None && string.IsNullOrWhiteSpace(c.SourceField)))
        {
            if (byKey.TryGetValue(Key(column.TargetColumn), out var field))
            {
                column.SourceField = field;
                mapped++;
            }
        }
        return mapped;
    }

    /// <summary>A database-friendly column name for a field: lower case, words joined by underscores, last path segment.</summary>
    public static string TargetName(string field)
    {
        var last = field.Split('.').Last().TrimStart('@');
        var words = last.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join('_', words).ToLowerInvariant();
    }
}
