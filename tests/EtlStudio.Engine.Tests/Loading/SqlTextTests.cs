using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Postgres;
using EtlStudio.Engine.Loading.Sqlite;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The statements the live-tested loaders send, spelled out (the live tests prove they work; these show their
/// exact shape and quoting).</summary>
public sealed class SqlTextTests
{
    private static readonly TableCatalog Table = new("sa\"les", "or\"ders", [new("id", "int4"), new("na\"me", "text"), new("code", "text")], [["id", "code"]]);

    private static ResolvedTarget Target(int columns, params string[] keys) =>
        new(Table, [.. Table.Columns.Take(columns).Select(c => new TargetColumn(c.Name, ColumnType.String))], [.. Table.Columns.Take(columns)], keys);

    [Fact]
    public void PostgreSQL_copy_and_replace_quote_every_name()
    {
        Assert.Equal("COPY \"sa\"\"les\".\"or\"\"ders\" (\"id\", \"na\"\"me\") FROM STDIN (FORMAT BINARY)",
            PostgresSql.CopyInto(PostgresSql.Table(Table), ["id", "na\"me"]));
        Assert.Equal("DELETE FROM \"sa\"\"les\".\"or\"\"ders\"", PostgresSql.DeleteAll(Table));
    }

    [Fact]
    public void PostgreSQL_upsert_stages_in_a_temp_table_and_keeps_the_last_row_per_key()
    {
        var target = Target(3, "id", "code");
        Assert.Equal(
            "CREATE TEMP TABLE \"tmp\" ON COMMIT DELETE ROWS AS SELECT \"id\", \"na\"\"me\", \"code\", 0::int8 AS \"etl_row_ordinal\" FROM \"sa\"\"les\".\"or\"\"ders\" WITH NO DATA",
            PostgresSql.CreateUpsertTable("tmp", target));
        Assert.Equal(
            "WITH etl_source AS (SELECT DISTINCT ON (\"id\", \"code\") \"id\", \"na\"\"me\", \"code\" FROM \"tmp\" ORDER BY \"id\", \"code\", \"etl_row_ordinal\" DESC), " +
            "etl_merge AS (INSERT INTO \"sa\"\"les\".\"or\"\"ders\" (\"id\", \"na\"\"me\", \"code\") SELECT \"id\", \"na\"\"me\", \"code\" FROM etl_source " +
            "ON CONFLICT (\"id\", \"code\") DO UPDATE SET \"na\"\"me\" = EXCLUDED.\"na\"\"me\" RETURNING xmax = 0 AS etl_new) " +
            "SELECT count(*) FILTER (WHERE etl_new) FROM etl_merge",
            PostgresSql.Upsert("tmp", target));
        Assert.Contains("ON CONFLICT (\"id\") DO NOTHING RETURNING xmax = 0 AS etl_new) SELECT count(*)", PostgresSql.Upsert("tmp", Target(1, "id")), StringComparison.Ordinal);
        Assert.Equal("TRUNCATE \"tmp\"", PostgresSql.Empty("tmp"));
    }

    [Fact]
    public void PostgreSQL_upsert_into_a_partitioned_table_counts_new_keys_against_the_snapshot()
    {
        var partitioned = new ResolvedTarget(Table with { Partitioned = true }, [.. Table.Columns.Take(2).Select(c => new TargetColumn(c.Name, ColumnType.String))], [.. Table.Columns.Take(2)], ["id"]);
        Assert.EndsWith(
            "ON CONFLICT (\"id\") DO UPDATE SET \"na\"\"me\" = EXCLUDED.\"na\"\"me\") " +
            "SELECT count(*) FROM etl_source WHERE NOT EXISTS (SELECT 1 FROM \"sa\"\"les\".\"or\"\"ders\" AS etl_target WHERE etl_target.\"id\" = etl_source.\"id\")",
            PostgresSql.Upsert("tmp", partitioned), StringComparison.Ordinal);
    }

    [Fact]
    public void SQLite_insert_and_upsert_bind_every_value()
    {
        var target = Target(2, "id");
        Assert.Equal("INSERT INTO \"main\".\"or\"\"ders\" (\"id\", \"na\"\"me\") VALUES ($p0, $p1)", SqliteSql.Insert(target with { Table = Table with { Schema = null } }, upsert: false));
        Assert.Equal("INSERT INTO \"sa\"\"les\".\"or\"\"ders\" (\"id\", \"na\"\"me\") VALUES ($p0, $p1) ON CONFLICT (\"id\") DO UPDATE SET \"na\"\"me\" = excluded.\"na\"\"me\"",
            SqliteSql.Insert(target, upsert: true));
        Assert.Equal("SELECT EXISTS (SELECT 1 FROM \"sa\"\"les\".\"or\"\"ders\" WHERE \"id\" = $p0 AND \"code\" = $p2)",
            SqliteSql.KeyExists(Target(3, "id", "code")));
    }

    [Fact]
    public void Names_with_NUL_or_empty_names_are_refused()
    {
        Assert.ThrowsAny<EtlDataException>(() => Identifiers.Ansi("a\0b"));
        Assert.ThrowsAny<EtlDataException>(() => Identifiers.Bracket(""));
    }
}
