using System.Globalization;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>SQL text for Oracle loads. Pure functions over catalog spellings, quoted with " " here; values are array-bound
/// variables <c>:p0, :p1, …</c> in column order.</summary>
internal static class OracleSql
{
    /// <summary>Exact spelling first, then the upper-case one Oracle gives unquoted names.</summary>
    public const string TableQuery =
        """
        SELECT OWNER, TABLE_NAME FROM ALL_TABLES
        WHERE (OWNER = :p_schema OR OWNER = UPPER(:p_schema) OR (:p_schema IS NULL AND OWNER = SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')))
          AND (TABLE_NAME = :p_table OR TABLE_NAME = UPPER(:p_table))
        ORDER BY CASE WHEN TABLE_NAME = :p_table THEN 0 ELSE 1 END
        FETCH FIRST 1 ROWS ONLY
        """;

    public const string ColumnsQuery =
        """
        SELECT COLUMN_NAME, DATA_TYPE, CHAR_LENGTH, DATA_PRECISION, DATA_SCALE, DATA_LENGTH, NULLABLE, DEFAULT_ON_NULL FROM ALL_TAB_COLUMNS
        WHERE OWNER = :p_schema AND TABLE_NAME = :p_table
        ORDER BY COLUMN_ID
        """;

    /// <summary>Unique plain-column indexes; a primary key or unique constraint is always backed by one.</summary>
    public const string UniqueKeysQuery =
        """
        SELECT ic.INDEX_NAME, ic.COLUMN_NAME FROM ALL_IND_COLUMNS ic
        JOIN ALL_INDEXES i ON i.OWNER = ic.INDEX_OWNER AND i.INDEX_NAME = ic.INDEX_NAME
        WHERE i.TABLE_OWNER = :p_schema AND i.TABLE_NAME = :p_table AND i.UNIQUENESS = 'UNIQUE' AND i.INDEX_TYPE = 'NORMAL'
        ORDER BY ic.INDEX_NAME, ic.COLUMN_POSITION
        """;

    public static string Table(TableCatalog table) =>
        table.Schema is null ? Identifiers.Oracle(table.Name) : $"{Identifiers.Oracle(table.Schema)}.{Identifiers.Oracle(table.Name)}";

    public static string Parameter(int ordinal) => "p" + ordinal.ToString(CultureInfo.InvariantCulture);

    public static string Insert(ResolvedTarget target) =>
        $"INSERT INTO {Table(target.Table)} ({string.Join(", ", target.Columns.Select(c => Identifiers.Oracle(c.Name)))}) " +
        $"VALUES ({string.Join(", ", target.Columns.Select((_, i) => ":" + Parameter(i)))})";

    /// <summary>A single-row MERGE run once per array element. Elements run in batch order, so a key repeated in a batch
    /// ends with its last row, and no execution sees two source rows for one target row (ORA-30926 cannot happen).</summary>
    public static string Merge(ResolvedTarget target)
    {
        var names = target.Columns.Select(c => Identifiers.Oracle(c.Name)).ToList();
        var source = string.Join(", ", names.Select((n, i) => $":{Parameter(i)} AS {n}"));
        var on = string.Join(" AND ", target.Keys.Select(Identifiers.Oracle).Select(k => $"t.{k} = s.{k}"));
        var updates = target.Columns.Where(c => !target.Keys.Contains(c.Name, StringComparer.Ordinal))
            .Select(c => Identifiers.Oracle(c.Name)).Select(n => $"t.{n} = s.{n}").ToList();
        var matched = updates.Count == 0 ? "" : $" WHEN MATCHED THEN UPDATE SET {string.Join(", ", updates)}";
        return $"MERGE INTO {Table(target.Table)} t USING (SELECT {source} FROM DUAL) s ON ({on}){matched} " +
               $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select(n => $"s.{n}"))})";
    }

    public static string KeyParameter(int row, int key) =>
        string.Create(CultureInfo.InvariantCulture, $"k{row}_{key}");

    /// <summary>Rows of the table whose key is one of <paramref name="rows"/> keys bound as <c>:k{row}_{key}</c>. The
    /// list form is <c>(k1, k2) IN ((…), (…))</c> even for one key, which keeps a single shape.</summary>
    public static string CountKeys(ResolvedTarget target, int rows)
    {
        var keys = string.Join(", ", target.Keys.Select(Identifiers.Oracle));
        var tuples = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", target.Keys.Select((_, k) => ":" + KeyParameter(r, k))) + ")");
        return $"SELECT COUNT(*) FROM {Table(target.Table)} WHERE ({keys}) IN ({string.Join(", ", tuples)})";
    }

    /// <summary>DELETE, not TRUNCATE: TRUNCATE is DDL in Oracle and commits on its own, which would break atomicity.
    /// Readers keep seeing the old rows (read consistency) until the commit.</summary>
    public static string DeleteAll(TableCatalog table) => $"DELETE FROM {Table(table)}";
}
