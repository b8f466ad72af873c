using DuckDB.NET.Data;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>Writes the benchmark CSV as Parquet with DuckDB, typed as the target table (decimals, timestamps with and
/// without zone, booleans), in DuckDB's default row groups.</summary>
internal static class ParquetCopy
{
    public static void FromBenchmarkCsv(string csv, string parquet)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SET TimeZone = 'UTC';
            COPY (SELECT * FROM read_csv('{csv}', header = true, quote = '"', escape = '"', columns = {"{"}
              'OrderId': 'INTEGER', 'CustomerId': 'BIGINT', 'Quantity': 'INTEGER', 'UnitPrice': 'DECIMAL(12,4)', 'Amount': 'DECIMAL(14,2)',
              'OrderedAt': 'TIMESTAMP', 'ShippedAt': 'TIMESTAMPTZ', 'Paid': 'BOOLEAN', 'Gift': 'BOOLEAN', 'CustomerName': 'VARCHAR',
              'Note': 'VARCHAR', 'Country': 'VARCHAR'{"}"})) TO '{parquet}' (FORMAT parquet)
            """;
        command.ExecuteNonQuery();
    }
}
