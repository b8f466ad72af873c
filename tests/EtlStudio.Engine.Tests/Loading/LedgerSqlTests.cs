using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Loading.Oracle;
using EtlStudio.Engine.Loading.Postgres;
using EtlStudio.Engine.Loading.Sqlite;
using EtlStudio.Engine.Loading.SqlServer;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The batch ledger's SQL per provider. PostgreSQL and SQLite also run it against real databases (the
/// end-to-end and crash tests); SQL Server and Oracle cannot run here, so their text is what is checked.</summary>
public sealed class LedgerSqlTests
{
    [Fact]
    public void SQL_Server_creates_the_ledger_once_in_the_table_schema_with_a_key_under_900_bytes()
    {
        var sql = new SqlServerLedgerSql("sales");

        Assert.Equal("[sales].[etlstudio_batches]", sql.Table);
        Assert.StartsWith("IF OBJECT_ID(N'[sales].[etlstudio_batches]', N'U') IS NULL CREATE TABLE [sales].[etlstudio_batches] (", sql.Create, StringComparison.Ordinal);
        Assert.Contains("PRIMARY KEY (flow, load_id, source, first_record)", sql.Create, StringComparison.Ordinal);
        Assert.Contains("committed_at datetime2 NOT NULL DEFAULT SYSUTCDATETIME()", sql.Create, StringComparison.Ordinal);
        // nvarchar(64) + nvarchar(64) + nvarchar(300) + bigint = 128 + 128 + 600 + 8 bytes.
        Assert.True(2 * (LedgerSql.MaxFlow + LedgerSql.MaxLoad + LedgerSource.MaxLength) + 8 <= 900);
        Assert.Equal("INSERT INTO [sales].[etlstudio_batches] (flow, load_id, source, first_record, last_record, row_count, run_id) " +
            "VALUES (@l_flow, @l_load, @l_source, @l_first, @l_last, @l_rows, @l_run)", sql.Insert);
    }

    [Fact]
    public void SQL_Server_quotes_a_schema_with_a_quote_inside_the_OBJECT_ID_literal()
    {
        var sql = new SqlServerLedgerSql("o'brien]x");

        Assert.Equal("[o'brien]]x].[etlstudio_batches]", sql.Table);
        Assert.StartsWith("IF OBJECT_ID(N'[o''brien]]x].[etlstudio_batches]', N'U')", sql.Create, StringComparison.Ordinal);
    }

    [Fact]
    public void Oracle_creates_the_ledger_in_a_block_that_ignores_ORA_00955_and_binds_by_colon_names()
    {
        var sql = new OracleLedgerSql("SALES");

        Assert.Equal("\"SALES\".\"ETLSTUDIO_BATCHES\"", sql.Table);
        Assert.StartsWith("BEGIN EXECUTE IMMEDIATE 'CREATE TABLE \"SALES\".\"ETLSTUDIO_BATCHES\" (", sql.Create, StringComparison.Ordinal);
        Assert.EndsWith("EXCEPTION WHEN OTHERS THEN IF SQLCODE != -955 THEN RAISE; END IF; END;", sql.Create, StringComparison.Ordinal);
        Assert.Contains("DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL", sql.Create, StringComparison.Ordinal);
        Assert.Contains("VALUES (:l_flow, :l_load, :l_source, :l_first, :l_last, :l_rows, :l_run)", sql.Insert, StringComparison.Ordinal);
        Assert.Equal("SELECT source, MIN(first_record), MAX(last_record), SUM(row_count) FROM \"SALES\".\"ETLSTUDIO_BATCHES\" " +
            "WHERE flow = :l_flow AND load_id = :l_load GROUP BY source", sql.Frontier);
        Assert.Equal("DELETE FROM \"SALES\".\"ETLSTUDIO_BATCHES\" WHERE committed_at < :l_before", sql.Purge);
    }

    [Fact]
    public void PostgreSQL_and_SQLite_create_the_ledger_if_not_exists_beside_the_table()
    {
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS \"public\".\"etlstudio_batches\" (", new PostgresLedgerSql("public").Create, StringComparison.Ordinal);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS \"main\".\"etlstudio_batches\" (", new SqliteLedgerSql(null).Create, StringComparison.Ordinal);
        Assert.Equal("2026-12-04 10:11:12.345", new SqliteLedgerSql(null).Before(new DateTime(2026, 12, 4, 10, 11, 12, 345, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_receipt_covers_each_run_of_rows_from_one_origin_with_its_lowest_and_highest_record()
    {
        string a = "a.csv", b = "b.csv";
        var batch = new RowBatch(new object?[5][], 5, [a, a, a, b, b], [3, 4, 9, 1, 2]);

        Assert.Equal([new BatchReceipt("a.csv", 3, 9, 3), new BatchReceipt("b.csv", 1, 2, 2)], BatchReceipt.Of(batch));
        Assert.Empty(BatchReceipt.Of(new RowBatch(new object?[2][], 2)));
    }

    [Fact]
    public void Committed_ranges_cover_records_inside_receipts_only_and_a_long_origin_keys_by_hash()
    {
        var url = "https://api.example.com/orders?cursor=" + new string('x', 400);
        var ranges = new CommittedRanges([new("a.csv", 1, 100, 100), new("a.csv", 101, 150, 50), new("a.csv", 301, 400, 90), new(LedgerSource.Key(url), 5, 5, 1)]);

        Assert.Equal((241L, 4), (ranges.Rows, ranges.Receipts));
        Assert.True(ranges.Contains("a.csv", 1));
        Assert.True(ranges.Contains("a.csv", 150));
        Assert.False(ranges.Contains("a.csv", 151));
        Assert.True(ranges.Contains("a.csv", 301));
        Assert.False(ranges.Contains("b.csv", 1));
        Assert.True(ranges.Contains(url, 5));
        Assert.Equal(LedgerSource.MaxLength, LedgerSource.Key(url).Length);
        Assert.NotEqual(LedgerSource.Key(url), LedgerSource.Key(url + "y"));
        Assert.Equal(400L, ranges.Last("a.csv"));
    }
}
