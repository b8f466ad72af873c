using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.SqlServer;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>SQL Server / Azure SQL: no server can run here, so these check the generated SQL text, the type rules and
/// the streaming reader only. Bulk copy and MERGE against a live server are not verified by this suite.</summary>
public sealed class SqlServerSqlTests
{
    private static readonly TableCatalog Orders = new("sa]les", "or]ders",
    [
        new("id", "int"), new("na]me", "nvarchar", 50, Collation: "Latin1_General_100_CI_AS"), new("amount", "decimal", Precision: 18, Scale: 4),
        new("at", "datetime2", Scale: 7), new("seen", "datetimeoffset", Scale: 3), new("note", "nvarchar", -1), new("code", "varchar", 20),
        new("ref", "uniqueidentifier"), new("ok", "bit"), new("score", "float"), new("day", "date"), new("big", "bigint"),
    ], [["id"]]);

    private static ResolvedTarget Target(params string[] keys) => Target(Orders.Columns, keys);

    private static ResolvedTarget Target(IReadOnlyList<CatalogColumn> columns, params string[] keys) =>
        new(Orders, [.. columns.Select(c => new TargetColumn(c.Name, ColumnType.String))], columns, keys);

    [Fact]
    public void SQL_text_only_names_are_bracket_quoted_with_closing_brackets_doubled()
    {
        Assert.Equal("[x]]; DROP TABLE y; --]", Identifiers.Bracket("x]; DROP TABLE y; --"));
        Assert.Equal("[sa]]les].[or]]ders]", SqlServerSql.Table(Orders));
        Assert.Equal("DELETE FROM [sa]]les].[or]]ders];", SqlServerSql.DeleteAll(Orders));
    }

    [Fact]
    public void SQL_text_only_merge_uses_holdlock_and_keeps_the_last_row_per_key()
    {
        var merge = SqlServerSql.Merge(Target([Orders.Columns[0], Orders.Columns[1]], "id"));
        Assert.Equal(
            "DECLARE @etl_actions TABLE ([action] nvarchar(10) NOT NULL); " +
            "MERGE INTO [sa]]les].[or]]ders] WITH (HOLDLOCK) AS [target] " +
            "USING (SELECT [id], [na]]me] FROM (SELECT [id], [na]]me], ROW_NUMBER() OVER (PARTITION BY [id] ORDER BY [etl_row_ordinal] DESC) AS [etl_rank] " +
            "FROM [#etl_upsert]) AS [ranked] WHERE [etl_rank] = 1) AS [source] " +
            "ON [target].[id] = [source].[id] WHEN MATCHED THEN UPDATE SET [target].[na]]me] = [source].[na]]me] " +
            "WHEN NOT MATCHED BY TARGET THEN INSERT ([id], [na]]me]) VALUES ([source].[id], [source].[na]]me]) " +
            "OUTPUT $action INTO @etl_actions; SELECT COUNT_BIG(*) FROM @etl_actions WHERE [action] = N'INSERT';",
            merge);
    }

    [Fact]
    public void SQL_text_only_merge_on_a_composite_key_of_all_columns_only_inserts()
    {
        var merge = SqlServerSql.Merge(Target([Orders.Columns[0], Orders.Columns[6]], "id", "code"));
        Assert.Contains("ON [target].[id] = [source].[id] AND [target].[code] = [source].[code] WHEN NOT MATCHED BY TARGET", merge, StringComparison.Ordinal);
        Assert.Contains("PARTITION BY [id], [code]", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("WHEN MATCHED", merge, StringComparison.Ordinal);
        // Rows whose key matched produce no OUTPUT row, so the count is still the inserts only.
        Assert.EndsWith("OUTPUT $action INTO @etl_actions; SELECT COUNT_BIG(*) FROM @etl_actions WHERE [action] = N'INSERT';", merge, StringComparison.Ordinal);
    }

    [Fact]
    public void SQL_text_only_temp_table_copies_types_and_collations_and_adds_the_row_ordinal()
    {
        Assert.Equal(
            "CREATE TABLE [#etl_upsert] ([id] int NULL, [na]]me] nvarchar(50) COLLATE Latin1_General_100_CI_AS NULL, [amount] decimal(18, 4) NULL, " +
            "[at] datetime2(7) NULL, [seen] datetimeoffset(3) NULL, [note] nvarchar(max) NULL, [code] varchar(20) NULL, [ref] uniqueidentifier NULL, " +
            "[ok] bit NULL, [score] float NULL, [day] date NULL, [big] bigint NULL, [etl_row_ordinal] bigint NOT NULL);",
            SqlServerSql.CreateTempTable(Target("id")));
        Assert.Equal("TRUNCATE TABLE [#etl_upsert];", SqlServerSql.TruncateTemp);
    }

    [Fact]
    public void SQL_text_only_temp_table_refuses_unknown_types_and_odd_collation_names()
    {
        Assert.ThrowsAny<EtlDataException>(() => SqlServerSql.TypeSpec(new CatalogColumn("g", "int); DROP TABLE x; --")));
        Assert.Equal("nvarchar(10)", SqlServerSql.TypeSpec(new CatalogColumn("n", "nvarchar", 10, Collation: "x COLLATE y; --")));
    }

    [Fact]
    public void SQL_text_only_catalog_query_takes_the_names_as_parameters()
    {
        Assert.Contains("WHERE t.name = @table AND s.name = COALESCE(@schema, SCHEMA_NAME())", SqlServerSql.CatalogQuery, StringComparison.Ordinal);
        Assert.Contains("TYPE_NAME(c.system_type_id)", SqlServerSql.CatalogQuery, StringComparison.Ordinal);
        Assert.Contains("i.is_unique = 1 AND i.has_filter = 0 AND ic.is_included_column = 0", SqlServerSql.CatalogQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_without_a_server_reports_every_SQL_Server_type_problem_together()
    {
        var destination = new DestinationDefinition { Provider = DatabaseProvider.SqlServer, ConnectionString = "", Table = "dbo.orders", Mode = LoadMode.Upsert, KeyColumns = ["code"] };
        var catalog = Orders with { Columns = [new("id", "int"), new("ref", "uniqueidentifier"), new("code", "varchar", 20)], UniqueKeys = [["id"]] };
        TargetColumn[] columns = [new("id", ColumnType.Decimal), new("ref", ColumnType.String), new("code", ColumnType.String), new("gone", ColumnType.Int)];

        var (result, target) = DestinationCheck.Run(destination, columns, catalog, (c, cc) => SqlServerValues.For(c.Type, cc) is not null, SqlServerRules.For);

        Assert.Null(target);
        Assert.Equal(
        [
            "Column 'id' is int, which cannot take Decimal values.",
            "Column 'ref' is uniqueidentifier, which cannot take String values.",
            "Column 'gone' does not exist in table 'dbo.orders'.",
            "Table 'dbo.orders' has no primary key or unique index on exactly (code); upsert needs one.",
        ], result.Problems);
    }

    [Fact]
    public void Values_are_widened_or_converted_for_the_column_type()
    {
        var local = new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal(local.UtcDateTime, SqlServerValues.For(ColumnType.DateTimeOffset, new("at", "datetime2"))!.Convert(local));
        Assert.Equal(local, SqlServerValues.For(ColumnType.DateTimeOffset, new("at", "datetimeoffset"))!.Convert(local));
        Assert.Equal(12L, SqlServerValues.For(ColumnType.Int, new("n", "bigint"))!.Convert(12));
        Assert.Equal(new DateTime(2026, 1, 31), SqlServerValues.For(ColumnType.Date, new("d", "date"))!.Convert(new DateOnly(2026, 1, 31)));
        Assert.Throws<InvalidCastException>(() => SqlServerValues.For(ColumnType.Int, new("n", "int"))!.Convert("12"));
        Assert.Null(SqlServerValues.For(ColumnType.Long, new("n", "int")));
    }
}
