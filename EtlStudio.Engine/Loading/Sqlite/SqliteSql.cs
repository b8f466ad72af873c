using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>SQL text for SQLite loads. Pure functions over catalog spellings, quoted here; values are parameters.</summary>
internal static partial class SqliteSql
{
    /// <summary>pragma_table_info accepts the table and schema as bound values, so the user's name never becomes SQL.</summary>
    public const string ColumnsQuery = "SELECT name, type, pk, \"notnull\" FROM pragma_table_info($table, $schema) ORDER BY cid";

    /// <summary>Unique, non-partial indexes with their columns (an expression column comes back NULL and spoils its set).</summary>
    public const string UniqueIndexesQuery =
        """
        SELECT il.name, ii.name FROM pragma_index_list($table, $schema) AS il, pragma_index_info(il.name, $schema) AS ii
        WHERE il."unique" = 1 AND il.partial = 0
        """;

    public const string TableNameQuery = "SELECT name FROM pragma_table_list WHERE schema = $schema AND type = 'table' AND name = $table COLLATE NOCASE ORDER BY name = $table DESC LIMIT 1";

    public static string Table(TableCatalog table) => $"{Identifiers.Ansi(table.Schema ?? "main")}.{Identifiers.Ansi(table.Name)}";

    public static string Parameter(int ordinal) => "$p" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One prepared row insert; for upsert, rows run in batch order, so a key repeated in a batch ends with its last row.</summary>
    public static string Insert(ResolvedTarget target, bool upsert)
    {
        var names = string.Join(", ", target.Columns.Select(c => Identifiers.Ansi(c.Name)));
        var values = string.Join(", ", target.Columns.Select((_, i) => Parameter(i)));
        var sql = $"INSERT INTO {Table(target.Table)} ({names}) VALUES ({values})";
        if (!upsert) return sql;
        var updates = target.Columns.Where(c => !target.Keys.Contains(c.Name, StringComparer.Ordinal))
            .Select(c => $"{Identifiers.Ansi(c.Name)} = excluded.{Identifiers.Ansi(c.Name)}").ToList();
        var action = updates.Count == 0 ? "DO NOTHING" : $"DO UPDATE SET {string.Join(", ", updates)}";
        return $"{sql} ON CONFLICT ({string.Join(", ", target.Keys.Select(Identifiers.Ansi))}) {action}";
    }

    /// <summary>1 when the row's key (bound as in <see cref="Insert"/>) is already in the table, else 0.</summary>
    public static string KeyExists(ResolvedTarget target)
    {
        var match = target.Keys.Select(k => $"{Identifiers.Ansi(k)} = {Parameter(IndexOf(target, k))}");
        return $"SELECT EXISTS (SELECT 1 FROM {Table(target.Table)} WHERE {string.Join(" AND ", match)})";
    }

    private static int IndexOf(ResolvedTarget target, string column)
    {
        for (var i = 0; i < target.Columns.Count; i++)
        {
            if (target.Columns[i].Name == column) return i;
        }
        throw new ArgumentException($"key column '{column}' is not a target column", nameof(column));
    }

    /// <summary>SQLite has no TRUNCATE; DELETE inside the load's transaction makes the replace atomic.</summary>
    public static string DeleteAll(TableCatalog table) => $"DELETE FROM {Table(table)}";

    /// <summary>Index in <paramref name="names"/> of the column a NOT NULL or UNIQUE failure names ("NOT NULL constraint
    /// failed: t.name"; the first of a UNIQUE's columns), or -1. A CHECK names its constraint, not a column.</summary>
    public static int ConstraintColumn(string message, IReadOnlyList<string> names)
    {
        var match = ConstraintFailure().Match(message);
        return match.Success ? LoadRowError.IndexOf(names, match.Groups["column"].Value) : -1;
    }

    [GeneratedRegex(@"(?:NOT NULL|UNIQUE) constraint failed: (?:[^.,']+\.)?(?<column>[^.,']+)")]
    private static partial Regex ConstraintFailure();
}
