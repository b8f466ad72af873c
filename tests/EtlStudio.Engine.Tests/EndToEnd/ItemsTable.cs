using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>A small keyed table, the same DDL on PostgreSQL and SQLite, for the load-mode tests.</summary>
internal static class ItemsTable
{
    public const string Name = "items";

    public static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int, Required = true },
        new() { SourceField = "name", TargetColumn = "name" },
        new() { SourceField = "qty", TargetColumn = "qty", Type = ColumnType.Int },
    ];

    public static readonly object?[][] OldRows = [[1, "old one", 10], [2, "old two", 20], [3, "old three", 30]];

    /// <summary>Creates the table holding <see cref="OldRows"/>.</summary>
    public static async Task CreateWithOldRowsAsync(TargetDatabase db)
    {
        await db.ExecuteAsync($"CREATE TABLE {Name} (id INTEGER NOT NULL PRIMARY KEY, name TEXT, qty INTEGER)");
        await db.ExecuteAsync($"INSERT INTO {Name} (id, name, qty) VALUES (1, 'old one', 10), (2, 'old two', 20), (3, 'old three', 30)");
    }

    /// <summary>All rows by id, as (id, name, qty) with numbers widened to long (SQLite reads integers as Int64).</summary>
    public static async Task<List<(long Id, string? Name, long? Qty)>> ReadAsync(TargetDatabase db) =>
        [.. (await db.QueryAsync($"SELECT id, name, qty FROM {Name} ORDER BY id"))
            .Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string?)r[1], r[2] is null ? (long?)null : Convert.ToInt64(r[2], CultureInfo.InvariantCulture)))];

    public static List<(long Id, string? Name, long? Qty)> Expected(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => ((long)(int)r[0]!, (string?)r[1], r[2] is null ? (long?)null : (int)r[2]!)).OrderBy(r => r.Item1)];

    /// <summary>CSV text for rows <paramref name="from"/>..<paramref name="to"/> named "<paramref name="label"/> N".</summary>
    public static string Csv(int from, int to, string label)
    {
        var sb = new StringBuilder("id,name,qty\n");
        for (var i = from; i <= to; i++) sb.Append(CultureInfo.InvariantCulture, $"{i},\"{label} {i}, quoted\",{i * 2}\n");
        return sb.ToString();
    }

    public static string Json(int from, int to, string label) =>
        "[" + string.Join(",\n", Enumerable.Range(from, to - from + 1).Select(i => $$"""{"id": {{i}}, "name": "{{label}} {{i}}", "qty": {{i * 2}}}""")) + "]";
}
