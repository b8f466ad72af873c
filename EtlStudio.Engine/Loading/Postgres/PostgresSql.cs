namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>SQL text for PostgreSQL loads. Pure functions over catalog spellings, quoted here; no values.</summary>
internal static class PostgresSql
{
    /// <summary>Ordinal of a row within its batch in the upsert temp table, so the last duplicate key wins.</summary>
    public const string RowColumn = "etl_row_ordinal";

    public const string TableQuery =
        """
        SELECT c.oid::int8, n.nspname, c.relname, c.relkind = 'p' FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p')
          AND n.nspname = COALESCE(@schema, current_schema())
          AND (c.relname = @table OR lower(c.relname) = lower(@table))
        ORDER BY c.relname = @table DESC
        LIMIT 1
        """;

    /// <summary>Columns with their base type (a domain reports the type it is built on), varchar length and numeric
    /// precision/scale decoded from atttypmod as information_schema does, and NOT NULL (the column's or its domain's:
    /// COPY writes an explicit NULL, which neither a default nor an identity replaces).</summary>
    public const string ColumnsQuery =
        """
        SELECT a.attname, CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END,
               CASE WHEN a.atttypmod > 4 AND t.typname IN ('varchar', 'bpchar') THEN a.atttypmod - 4 END,
               CASE WHEN a.atttypmod > 4 AND t.typname = 'numeric' THEN ((a.atttypmod - 4) >> 16) & 65535 END,
               CASE WHEN a.atttypmod > 4 AND t.typname = 'numeric' THEN (a.atttypmod - 4) & 65535 END,
               a.attnotnull OR t.typnotnull
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
        WHERE a.attrelid = @oid AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """;

    /// <summary>Unique, non-partial, plain-column indexes (the primary key included): what ON CONFLICT can infer.</summary>
    public const string UniqueKeysQuery =
        """
        SELECT i.indexrelid::int8, a.attname FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = @oid AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
        """;

    public static string Table(TableCatalog table) =>
        table.Schema is null ? Identifiers.Ansi(table.Name) : $"{Identifiers.Ansi(table.Schema)}.{Identifiers.Ansi(table.Name)}";

    public static string ColumnList(IEnumerable<string> names) => string.Join(", ", names.Select(Identifiers.Ansi));

    public static string CopyInto(string quotedTable, IEnumerable<string> columns) =>
        $"COPY {quotedTable} ({ColumnList(columns)}) FROM STDIN (FORMAT BINARY)";

    /// <summary>DELETE rather than TRUNCATE for the atomic replace: DELETE takes a ROW EXCLUSIVE lock, so readers keep
    /// reading the old rows (MVCC) until the commit, whereas TRUNCATE's ACCESS EXCLUSIVE lock would block every reader
    /// for the whole run, extract included.</summary>
    public static string DeleteAll(TableCatalog table) => $"DELETE FROM {Table(table)}";

    /// <summary>A session temp table with exactly the target columns' types plus the row ordinal; emptied at each commit.</summary>
    public static string CreateUpsertTable(string tempName, ResolvedTarget target) =>
        $"CREATE TEMP TABLE {Identifiers.Ansi(tempName)} ON COMMIT DELETE ROWS AS SELECT {ColumnList(target.Columns.Select(c => c.Name))}, 0::int8 AS {Identifiers.Ansi(RowColumn)} FROM {Table(target.Table)} WITH NO DATA";

    /// <summary>Moves the temp table into the target and returns how many keys were new. DISTINCT ON keeps one row per
    /// key, the one written last in the batch (ON CONFLICT refuses to touch a row twice in one statement). A new key is a
    /// row the INSERT returns with no <c>xmax</c>: a row that ON CONFLICT updated carries the updating transaction's id
    /// there (it is locked before it is updated), so the count needs no second look at the target per row (measured:
    /// about a fifth of the statement's server CPU). A partitioned table returns no system columns: there the count runs
    /// in the same statement over the snapshot from before the insert
    /// (https://www.postgresql.org/docs/current/queries-with.html#QUERIES-WITH-MODIFYING), so it sees the table as the
    /// batch found it.</summary>
    public static string Upsert(string tempName, ResolvedTarget target)
    {
        var all = ColumnList(target.Columns.Select(c => c.Name));
        var keys = ColumnList(target.Keys);
        var updates = target.Columns.Where(c => !target.Keys.Contains(c.Name, StringComparer.Ordinal))
            .Select(c => $"{Identifiers.Ansi(c.Name)} = EXCLUDED.{Identifiers.Ansi(c.Name)}").ToList();
        var action = updates.Count == 0 ? "DO NOTHING" : $"DO UPDATE SET {string.Join(", ", updates)}";
        var source = $"WITH etl_source AS (SELECT DISTINCT ON ({keys}) {all} FROM {Identifiers.Ansi(tempName)} ORDER BY {keys}, {Identifiers.Ansi(RowColumn)} DESC), " +
                     $"etl_merge AS (INSERT INTO {Table(target.Table)} ({all}) SELECT {all} FROM etl_source ON CONFLICT ({keys}) {action}";
        if (!target.Table.Partitioned) return $"{source} RETURNING xmax = 0 AS etl_new) SELECT count(*) FILTER (WHERE etl_new) FROM etl_merge";
        var match = string.Join(" AND ", target.Keys.Select(Identifiers.Ansi).Select(k => $"etl_target.{k} = etl_source.{k}"));
        return $"{source}) SELECT count(*) FROM etl_source WHERE NOT EXISTS (SELECT 1 FROM {Table(target.Table)} AS etl_target WHERE {match})";
    }

    /// <summary>Empties the temp table inside a transaction that spans batches (a dry run), where ON COMMIT never comes.</summary>
    public static string Empty(string tempName) => $"TRUNCATE {Identifiers.Ansi(tempName)}";

    public static string Drop(string tempName) => $"DROP TABLE IF EXISTS {Identifiers.Ansi(tempName)}";
}
