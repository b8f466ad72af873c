using System.Globalization;
using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>SQL text for SQL Server / Azure SQL loads. Pure functions over catalog spellings, quoted with [ ] here;
/// values only ever travel through SqlBulkCopy or parameters.</summary>
internal static partial class SqlServerSql
{
    public const string TempTable = "#etl_upsert";
    public const string RowColumn = "etl_row_ordinal";

    /// <summary>Table, columns (type by system type so alias types report their base) and the column sets of unique,
    /// unfiltered indexes (primary key included). Names are compared by the database's own collation.</summary>
    public const string CatalogQuery =
        """
        DECLARE @oid int = (SELECT t.object_id FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
                            WHERE t.name = @table AND s.name = COALESCE(@schema, SCHEMA_NAME()));
        SELECT s.name, t.name FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id WHERE t.object_id = @oid;
        SELECT c.name, TYPE_NAME(c.system_type_id), c.max_length, c.precision, c.scale, c.collation_name, c.is_nullable, c.is_identity
        FROM sys.columns AS c WHERE c.object_id = @oid ORDER BY c.column_id;
        SELECT i.index_id, c.name FROM sys.indexes AS i
        JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
        JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE i.object_id = @oid AND i.is_unique = 1 AND i.has_filter = 0 AND ic.is_included_column = 0
        ORDER BY i.index_id, ic.key_ordinal;
        """;

    public static string Table(TableCatalog table) =>
        table.Schema is null ? Identifiers.Bracket(table.Name) : $"{Identifiers.Bracket(table.Schema)}.{Identifiers.Bracket(table.Name)}";

    /// <summary>DELETE in the load's transaction: under READ_COMMITTED_SNAPSHOT (Azure SQL's default) readers keep
    /// reading the old rows until the commit; TRUNCATE's schema lock would block them for the whole run.</summary>
    public static string DeleteAll(TableCatalog table) => $"DELETE FROM {Table(table)};";

    /// <summary>The upsert staging table: the target's column types and collations (so the MERGE join never hits a
    /// collation conflict with tempdb), all nullable, plus the row ordinal.</summary>
    public static string CreateTempTable(ResolvedTarget target)
    {
        var columns = target.Columns.Select(c => $"{Identifiers.Bracket(c.Name)} {TypeSpec(c)} NULL");
        return $"CREATE TABLE {Identifiers.Bracket(TempTable)} ({string.Join(", ", columns)}, {Identifiers.Bracket(RowColumn)} bigint NOT NULL);";
    }

    public static string TruncateTemp => $"TRUNCATE TABLE {Identifiers.Bracket(TempTable)};";

    /// <summary>MERGE with HOLDLOCK (serialisable range lock on the key) so two concurrent upserts cannot both insert
    /// the same key. ROW_NUMBER keeps the last row of a key repeated within the batch: MERGE refuses to update one
    /// target row twice. The batch's value is the number of rows inserted: OUTPUT goes INTO a table variable because
    /// OUTPUT straight to the client is refused on a table with enabled triggers.</summary>
    public static string Merge(ResolvedTarget target)
    {
        var names = target.Columns.Select(c => Identifiers.Bracket(c.Name)).ToList();
        var keys = target.Keys.Select(Identifiers.Bracket).ToList();
        var list = string.Join(", ", names);
        var on = string.Join(" AND ", keys.Select(k => $"[target].{k} = [source].{k}"));
        var updates = target.Columns.Where(c => !target.Keys.Contains(c.Name, StringComparer.Ordinal))
            .Select(c => Identifiers.Bracket(c.Name)).Select(n => $"[target].{n} = [source].{n}").ToList();
        var matched = updates.Count == 0 ? "" : $" WHEN MATCHED THEN UPDATE SET {string.Join(", ", updates)}";
        return "DECLARE @etl_actions TABLE ([action] nvarchar(10) NOT NULL); " +
               $"MERGE INTO {Table(target.Table)} WITH (HOLDLOCK) AS [target] " +
               $"USING (SELECT {list} FROM (SELECT {list}, ROW_NUMBER() OVER (PARTITION BY {string.Join(", ", keys)} ORDER BY {Identifiers.Bracket(RowColumn)} DESC) AS [etl_rank] " +
               $"FROM {Identifiers.Bracket(TempTable)}) AS [ranked] WHERE [etl_rank] = 1) AS [source] " +
               $"ON {on}{matched} " +
               $"WHEN NOT MATCHED BY TARGET THEN INSERT ({list}) VALUES ({string.Join(", ", names.Select(n => $"[source].{n}"))}) " +
               "OUTPUT $action INTO @etl_actions; " +
               "SELECT COUNT_BIG(*) FROM @etl_actions WHERE [action] = N'INSERT';";
    }

    /// <summary>The column's type as DDL. Only type names the loader knows are written; anything else is refused.</summary>
    public static string TypeSpec(CatalogColumn column)
    {
        var length = column.Length is null or -1 ? "max" : column.Length.Value.ToString(CultureInfo.InvariantCulture);
        var spec = column.TypeName switch
        {
            "nvarchar" or "varchar" or "nchar" or "char" or "varbinary" or "binary" => $"{column.TypeName}({length})",
            "decimal" or "numeric" => $"{column.TypeName}({column.Precision}, {column.Scale})",
            "datetime2" or "datetimeoffset" or "time" => $"{column.TypeName}({column.Scale})",
            "int" or "bigint" or "smallint" or "tinyint" or "bit" or "float" or "real" or "money" or "smallmoney" or "date"
                or "datetime" or "smalldatetime" or "uniqueidentifier" or "ntext" or "text" or "json" => column.TypeName,
            _ => throw new EtlDataException($"Column '{column.Name}' has type {column.TypeName}, which the SQL Server loader cannot stage."),
        };
        return column.Collation is { } collation && CollationName().IsMatch(collation) ? $"{spec} COLLATE {collation}" : spec;
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex CollationName();
}
