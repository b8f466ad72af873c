using DuckDB.NET.Data;

namespace EtlStudio.Engine.Tests.Parsing.Parquet;

/// <summary>Writes Parquet files with DuckDB, an implementation other than the reader's (Apache Arrow C++), so the
/// reader is not only tested against its own writer.</summary>
internal static class DuckDbParquet
{
    /// <summary>Writes the rows of <paramref name="select"/> to <paramref name="path"/> in row groups of
    /// <paramref name="rowGroupSize"/> rows.</summary>
    public static void Write(string path, string select, int rowGroupSize = 122_880, string compression = "snappy")
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // One thread keeps the row order and the row group sizes exactly as asked.
        command.CommandText = $"SET threads = 1; SET TimeZone = 'UTC'; COPY ({select}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet, ROW_GROUP_SIZE {rowGroupSize}, COMPRESSION {compression})";
        command.ExecuteNonQuery();
    }
}
