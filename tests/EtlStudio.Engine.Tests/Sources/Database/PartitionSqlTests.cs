using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources.Database;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

public sealed class PartitionSqlTests
{
    private static QueryRange Range(string column, string? lower, string? upper) =>
        new() { Column = column, Kind = RangeKind.Integer, Lower = lower, Upper = upper };

    [Fact]
    public void PostgreSQL_quotes_with_double_quotes_and_binds_at_names()
    {
        Assert.Equal("SELECT * FROM (\nSELECT * FROM orders\n) q WHERE q.\"Order\"\"Id\" >= @etl_lo AND q.\"Order\"\"Id\" < @etl_hi",
            PartitionSql.Wrap(DatabaseProvider.PostgreSql, "SELECT * FROM orders;  ", Range("Order\"Id", "1", "9")));
    }

    [Fact]
    public void SQL_Server_quotes_with_brackets()
    {
        Assert.Equal("SELECT * FROM (\nSELECT id FROM dbo.t -- last line\n) q WHERE (q.[a]]b] < @etl_hi OR q.[a]]b] IS NULL)",
            PartitionSql.Wrap(DatabaseProvider.SqlServer, "SELECT id FROM dbo.t -- last line", Range("a]b", null, "9")));
        Assert.Equal("SELECT MIN(q.[id]), MAX(q.[id]) FROM (\nSELECT id FROM dbo.t\n) q", PartitionSql.Bounds(DatabaseProvider.SqlServer, "SELECT id FROM dbo.t;", "id"));
    }

    [Fact]
    public void SQLite_quotes_with_double_quotes()
    {
        Assert.Equal("SELECT * FROM (\nSELECT * FROM t\n) q WHERE q.\"id\" >= @etl_lo",
            PartitionSql.Wrap(DatabaseProvider.Sqlite, "SELECT * FROM t", Range("id", "5", null)));
    }

    [Fact]
    public void Oracle_binds_colon_names_and_has_no_AS_before_the_alias()
    {
        Assert.Equal("SELECT * FROM (\nSELECT ID FROM T WHERE X = :x\n) q WHERE q.\"ID\" >= :etl_lo AND q.\"ID\" < :etl_hi",
            PartitionSql.Wrap(DatabaseProvider.Oracle, "SELECT ID FROM T WHERE X = :x", Range("ID", "1", "9")));
        Assert.Equal("SELECT MIN(q.\"ID\"), MAX(q.\"ID\") FROM (\nSELECT ID FROM T\n) q", PartitionSql.Bounds(DatabaseProvider.Oracle, "SELECT ID FROM T", "ID"));
    }

    [Fact]
    public void A_range_of_every_row_has_no_WHERE()
    {
        Assert.Equal("SELECT * FROM (\nSELECT 1\n) q", PartitionSql.Wrap(DatabaseProvider.PostgreSql, "SELECT 1", Range("id", null, null)));
    }
}
