using EtlStudio.Engine.Loading.SqlServer;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The reader SqlBulkCopy streams from (tested without a server).</summary>
public sealed class RowBatchDataReaderTests
{
    private static readonly ReaderColumn[] Columns =
    [
        new("id", typeof(int), v => v),
        new("when", typeof(DateTime), v => ((DateTimeOffset)v).UtcDateTime),
    ];

    [Fact]
    public void Reads_only_the_batch_rows_converting_values_with_nulls_as_DBNull_and_the_row_ordinal_last()
    {
        var at = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(1));
        object?[][] buffer = [[1, at], [2, null], [99, at]];
        using var reader = new RowBatchDataReader(new(buffer, 2), Columns, "ord");

        Assert.Equal(3, reader.FieldCount);
        Assert.Equal(["id", "when", "ord"], Enumerable.Range(0, 3).Select(reader.GetName));
        Assert.Equal(1, reader.GetOrdinal("when"));
        Assert.Equal(typeof(long), reader.GetFieldType(2));
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[3];
            reader.GetValues(values);
            rows.Add(values);
        }
        Assert.Equal([[1, at.UtcDateTime, 0L], [2, DBNull.Value, 1L]], rows);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_source_record_column_and_value()
    {
        ReaderColumn[] columns = [new("amount", typeof(decimal), v => (decimal)v)];
        var batch = new EtlStudio.Engine.Loading.RowBatch([[1m], ["x"]], 2, ["orders.csv", "orders.csv"], [41, 42]);
        using var reader = new RowBatchDataReader(batch, columns, table: "dbo.orders");
        reader.Read();
        reader.Read();
        var error = Assert.ThrowsAny<EtlDataException>(() => reader.GetValue(0));
        Assert.Equal(("orders.csv", 42L, "amount", "x"), (error.Origin, error.Record, error.Column, error.Value));
        Assert.StartsWith("orders.csv, record 42, column 'amount', value 'x': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("dbo.orders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_sources_a_bad_value_names_the_table_and_batch_row()
    {
        ReaderColumn[] columns = [new("amount", typeof(decimal), v => (decimal)v)];
        using var reader = new RowBatchDataReader(new([[1m], ["x"]], 2), columns, table: "dbo.orders");
        reader.Read();
        reader.Read();
        var error = Assert.ThrowsAny<EtlDataException>(() => reader.GetValue(0));
        Assert.Equal("amount", error.Column);
        Assert.Equal("dbo.orders", error.Origin);
        Assert.StartsWith("dbo.orders, column 'amount', value 'x': batch row 2: ", error.Message, StringComparison.Ordinal);
    }
}
