using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Oracle;
using EtlStudio.Engine.Loading.Postgres;
using EtlStudio.Engine.Loading.SqlServer;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The rules each provider reads from its catalog facts, checked without a server: what SQL Server and Oracle
/// (which cannot run here) would refuse, and PostgreSQL's finer points (spaces cut, characters counted, jsonb).</summary>
public sealed class TargetRulesTests
{
    private static TargetColumn Text(string name) => new(name, ColumnType.String);

    [Fact]
    public void SQL_Server_catalog_query_reads_nullability_and_identity()
    {
        Assert.Contains("c.is_nullable, c.is_identity", SqlServerSql.CatalogQuery, StringComparison.Ordinal);
        Assert.True(SqlServerCatalog.Column("code", "varchar", 20, 0, 0, null, nullable: false, identity: false).NotNull);
        Assert.False(SqlServerCatalog.Column("id", "int", 4, 10, 0, null, nullable: false, identity: true).NotNull);
        Assert.False(SqlServerCatalog.Column("note", "nvarchar", -1, 0, 0, null, nullable: true, identity: false).NotNull);
        Assert.Equal(10, SqlServerCatalog.Column("name", "nvarchar", 20, 0, 0, null, nullable: true, identity: false).Length);
    }

    [Fact]
    public void SQL_Server_refuses_null_in_a_NOT_NULL_column_but_not_in_an_identity_column()
    {
        var code = SqlServerRules.For(Text("code"), SqlServerCatalog.Column("code", "varchar", 20, 0, 0, null, false, false));
        var id = SqlServerRules.For(new("id", ColumnType.Int), SqlServerCatalog.Column("id", "int", 4, 10, 0, null, false, true));

        Assert.Equal("column code is NOT NULL", code.Violation(null));
        Assert.Null(id.Violation(null));
        Assert.True(id.IsEmpty);
    }

    [Fact]
    public void SQL_Server_nvarchar_counts_UTF_16_units_varchar_counts_characters_and_max_has_no_limit()
    {
        var nvarchar = SqlServerRules.For(Text("name"), SqlServerCatalog.Column("name", "nvarchar", 20, 0, 0, null, true, false));
        var varchar = SqlServerRules.For(Text("code"), SqlServerCatalog.Column("code", "varchar", 5, 0, 0, null, true, false));
        var max = SqlServerRules.For(Text("note"), SqlServerCatalog.Column("note", "nvarchar", -1, 0, 0, null, true, false));
        var faces = string.Concat(Enumerable.Repeat("\U0001F600", 6));

        Assert.Null(nvarchar.Violation("0123456789"));
        Assert.Equal("value is 11 characters, column name is nvarchar(10)", nvarchar.Violation("0123456789a"));
        Assert.Equal("value is 12 characters, column name is nvarchar(10)", nvarchar.Violation(faces));
        Assert.Equal("value is 6 characters, column code is varchar(5)", varchar.Violation("abcdef"));
        Assert.Null(varchar.Violation("\U0001F600\U0001F600\U0001F600"));
        Assert.Null(nvarchar.Violation("a\0b"));
        Assert.True(max.IsEmpty);
        Assert.Null(max.Violation(new string('x', 100_000)));
    }

    [Fact]
    public void SQL_Server_decimal_refuses_numbers_with_too_many_integer_digits_whatever_their_type()
    {
        var amount = SqlServerRules.For(new("amount", ColumnType.Decimal), new CatalogColumn("amount", "decimal", 5, 5, 2));
        var money = SqlServerRules.For(new("amount", ColumnType.Decimal), new CatalogColumn("amount", "money", 8, 19, 4));

        Assert.Null(amount.Violation(999.99m));
        Assert.Null(amount.Violation(-999.99m));
        Assert.Equal("1000 does not fit decimal(5,2)", amount.Violation(1000));
        Assert.Equal("-1000 does not fit decimal(5,2)", amount.Violation(-1000L));
        Assert.Equal("12345.678 does not fit decimal(5,2)", amount.Violation(12345.678m));
        Assert.True(money.IsEmpty);
    }

    [Fact]
    public void Oracle_catalog_query_reads_nullability_and_DEFAULT_ON_NULL()
    {
        Assert.Contains("NULLABLE, DEFAULT_ON_NULL FROM ALL_TAB_COLUMNS", OracleSql.ColumnsQuery, StringComparison.Ordinal);
        var name = OracleCatalog.Column(["NAME", "VARCHAR2", 10m, null, null, 40m, "N", "NO"]);
        var id = OracleCatalog.Column(["ID", "NUMBER", null, 10m, 0m, 22m, "N", "YES"]);
        var note = OracleCatalog.Column(["NOTE", "NVARCHAR2", 30m, null, null, 60m, "Y", "NO"]);

        Assert.Equal(new CatalogColumn("NAME", "varchar2", 10, NotNull: true), name);
        Assert.Equal(new CatalogColumn("ID", "number", null, 10, 0), id);
        Assert.False(note.NotNull);
        Assert.Equal("column NAME is NOT NULL", OracleRules.For(Text("NAME"), name).Violation(null));
        Assert.Null(OracleRules.For(new("ID", ColumnType.Int), id).Violation(null));
    }

    [Fact]
    public void Oracle_counts_characters_and_rounds_to_the_scale_before_checking_the_precision()
    {
        var name = OracleRules.For(Text("NAME"), new CatalogColumn("NAME", "varchar2", 3));
        var amount = OracleRules.For(new("AMOUNT", ColumnType.Decimal), new CatalogColumn("AMOUNT", "number", 22, 5, 2));
        var count = OracleRules.For(new("N", ColumnType.Int), new CatalogColumn("N", "number", 22, 3, 0));
        var free = OracleRules.For(new("X", ColumnType.Decimal), new CatalogColumn("X", "number", 22));

        Assert.Null(name.Violation("\U0001F600\U0001F600\U0001F600"));
        Assert.Equal("value is 4 characters, column NAME is varchar2(3)", name.Violation("abcd"));
        Assert.Null(amount.Violation(999.994m));
        Assert.Equal("999.995 does not fit number(5,2)", amount.Violation(999.995m));
        Assert.Null(count.Violation(999));
        Assert.Equal("1000 does not fit number(3,0)", count.Violation(1000));
        Assert.True(free.IsEmpty);
    }

    [Fact]
    public void PostgreSQL_cuts_an_excess_of_spaces_and_counts_characters_not_UTF_16_units()
    {
        var name = PostgresRules.For(Text("name"), new CatalogColumn("name", "varchar", 10));
        var code = PostgresRules.For(Text("code"), new CatalogColumn("code", "bpchar", 3));

        Assert.Null(name.Violation("abcdefghij     "));
        Assert.Equal("value is 12 characters, column name is varchar(10)", name.Violation("abcdefghij x"));
        Assert.Null(name.Violation(string.Concat(Enumerable.Repeat("\U0001F600", 10))));
        Assert.Equal("value is 4 characters, column code is char(3)", code.Violation("abcd"));
    }

    [Fact]
    public void PostgreSQL_refuses_NUL_in_any_text_and_its_JSON_escape_only_in_jsonb()
    {
        var note = PostgresRules.For(Text("note"), new CatalogColumn("note", "text"));
        var json = PostgresRules.For(new("doc", ColumnType.Json), new CatalogColumn("doc", "json"));
        var jsonb = PostgresRules.For(new("doc", ColumnType.Json), new CatalogColumn("doc", "jsonb"));
        var nul = "text contains a NUL character (U+0000), which PostgreSQL text cannot store";

        Assert.Equal(nul, note.Violation("a\0b"));
        Assert.Equal(nul, json.Violation("{\"a\": \"\0\"}"));
        Assert.Null(json.Violation("""{"a": "\u0000"}"""));
        Assert.Equal(@"JSON contains the escape \u0000, which PostgreSQL jsonb cannot store", jsonb.Violation("""{"a": "x\\\u0000"}"""));
        Assert.Null(jsonb.Violation("""{"a": "\\u0000"}"""));
        Assert.Null(note.Violation(null));
    }

    [Fact]
    public void The_first_broken_rule_in_column_order_is_the_reject_with_its_value_shown_cut_and_escaped()
    {
        var destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "", Table = "items" };
        var catalog = new TableCatalog("public", "items",
            [new("id", "int4", NotNull: true), new("name", "varchar", 60), new("note", "text", NotNull: true)], [["id"]]);
        TargetColumn[] columns = [new("id", ColumnType.Int), Text("name"), Text("note")];
        var (result, _) = DestinationCheck.Run(destination, columns, catalog, (c, cc) => PostgresValueWriters.For(c.Type, cc.TypeName) is not null, PostgresRules.For);
        var value = "\0" + new string('x', 70);

        var reject = result.Rules.Check([1, value, null], "a.csv", 7);

        Assert.Equal(new RejectedRow("a.csv", 7, "name", "\\u0000" + new string('x', 49) + "…", "text contains a NUL character (U+0000), which PostgreSQL text cannot store"), reject);
        Assert.Null(result.Rules.Check([1, "fine", "also fine"], "a.csv", 8));
        Assert.Equal("column note is NOT NULL", result.Rules.Check([1, "fine", null], "a.csv", 9)?.Reason);
    }

    [Fact]
    public void A_failed_check_has_no_rules()
    {
        var destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "", Table = "items" };
        var catalog = new TableCatalog("public", "items", [new("id", "int4", NotNull: true)], []);

        var (result, _) = DestinationCheck.Run(destination, [new("id", ColumnType.Int), Text("gone")], catalog, (_, _) => true, PostgresRules.For);

        Assert.False(result.IsValid);
        Assert.True(result.Rules.IsEmpty);
    }
}
