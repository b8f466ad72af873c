using System.Data.Common;
using EtlStudio.Engine.Loading.Oracle;
using EtlStudio.Engine.Loading.Sqlite;
using EtlStudio.Engine.Loading.SqlServer;
using Xunit;
using RowBatch = EtlStudio.Engine.Loading.RowBatch;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>How the SQL Server, Oracle and SQLite errors are mapped back to the source row (no SQL Server or Oracle
/// here: their messages are the documented ones, fed in as text).</summary>
public sealed class LoadErrorMessageTests
{
    private static readonly string[] Names = ["id", "name"];

    /// <summary>Rows of records 41, 42, 43 of orders.csv.</summary>
    private static RowBatch Batch(params object?[][] rows) =>
        new(rows, rows.Length, [.. rows.Select(_ => "orders.csv")], [.. rows.Select((_, i) => 41L + i)]);

    [Fact]
    public void SqlServer_a_value_bulk_copy_cannot_convert_names_the_readers_row_column_and_value()
    {
        var e = new InvalidOperationException(
            "The given value 'abcdefghij' of type String from the data source cannot be converted to type nvarchar for Column 1 [name].",
            new InvalidOperationException("String or binary data would be truncated in table 'dbo.items', column 'name'. Truncated value: 'abcde'."));

        var error = SqlServerLoadError.FromBulkCopy("dbo.items", e, Batch([1, "ok"], [2, "abcdefghij"], [3, "ok"]), readerRow: 1, Names);

        Assert.Equal(("orders.csv", 42L, "name", "abcdefghij"), (error.Origin, error.Record, error.Column, error.Value));
        Assert.StartsWith("orders.csv, record 42, column 'name', value 'abcdefghij': The given value", error.Message, StringComparison.Ordinal);
        Assert.Contains("would be truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("'dbo.items'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlServer_a_check_violation_names_the_column_and_the_batchs_records_but_no_row()
    {
        const string message = "The INSERT statement conflicted with the CHECK constraint \"CK_items_name\". The conflict occurred in database \"etl\", table \"dbo.items\", column 'name'.";

        var error = SqlServerLoadError.FromServer("dbo.items", message, 547, Batch([1, "a"], [2, "b"], [3, "c"]), Names, new InvalidOperationException());

        Assert.Equal(("orders.csv", (long?)null, "name"), (error.Origin, error.Record, error.Column));
        Assert.StartsWith("orders.csv, column 'name': one of records 41 to 43: The INSERT statement conflicted", error.Message, StringComparison.Ordinal);
        Assert.Contains("[547]", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not say which row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlServer_a_truncation_finds_its_row_when_one_value_of_the_batch_fits_the_truncated_value()
    {
        const string message = "String or binary data would be truncated in table 'etl.dbo.items', column 'name'. Truncated value: 'abcde'.";

        var error = SqlServerLoadError.FromServer("dbo.items", message, 2628, Batch([1, "abcde"], [2, "xyzzy-long"], [3, "abcdefgh"]), Names, new InvalidOperationException());

        Assert.Equal((43L, "name", "abcdefgh"), (error.Record, error.Column, error.Value));
    }

    [Fact]
    public void SqlServer_an_invalid_column_length_names_the_column_by_its_colid()
    {
        var error = SqlServerLoadError.FromServer("dbo.items", "Received an invalid column length from the bcp client for colid 2.", 4815, Batch([1, "a"]), Names, new InvalidOperationException());

        Assert.Equal("name", error.Column);
        Assert.StartsWith("orders.csv, column 'name': one of records 41 to 41:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlServer_an_error_at_the_final_commit_names_the_table()
    {
        var error = SqlServerLoadError.FromServer("dbo.items", "The transaction log is full.", 9002, null, Names, new InvalidOperationException());

        Assert.Equal("dbo.items: The transaction log is full. [9002]", error.Message);
    }

    [Fact]
    public void Oracle_an_array_bound_error_names_the_failing_elements_record_column_and_value()
    {
        var e = new FakeOracleException("ORA-12899: value too large for column \"ETL\".\"ITEMS\".\"NAME\" (actual: 10, maximum: 5)", arrayBindIndex: 2);

        var error = OracleLoadError.From("items", e, Batch([1, "ok"], [2, "ok"], [3, "abcdefghij"]), ["ID", "NAME"]);

        Assert.Equal(("orders.csv", 43L, "NAME", "abcdefghij"), (error.Origin, error.Record, error.Column, error.Value));
        Assert.StartsWith("orders.csv, record 43, column 'NAME', value 'abcdefghij': ORA-12899", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oracle_without_an_array_index_names_the_batchs_records()
    {
        var e = new FakeOracleException("ORA-02290: check constraint (ETL.CK_QTY) violated", arrayBindIndex: -1);

        var error = OracleLoadError.From("items", e, Batch([1, "a"], [2, "b"]), ["ID", "NAME"]);

        Assert.Equal(("orders.csv", (long?)null, (string?)null), (error.Origin, error.Record, error.Column));
        Assert.StartsWith("orders.csv: one of records 41 to 42: ORA-02290", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SQLite Error 19: 'NOT NULL constraint failed: items.name'.", 1)]
    [InlineData("SQLite Error 19: 'UNIQUE constraint failed: items.id'.", 0)]
    [InlineData("SQLite Error 19: 'CHECK constraint failed: name'.", -1)]
    public void Sqlite_names_the_column_of_a_not_null_or_unique_failure_only(string message, int column)
    {
        Assert.Equal(column, SqliteSql.ConstraintColumn(message, Names));
    }

    [Fact]
    public void A_long_value_is_cut_in_the_message_and_control_characters_are_escaped()
    {
        var value = "tab\there" + new string('x', 60);

        var error = new EtlDataException("too long", "a.csv", 7, "name", value: value);

        Assert.Equal(value, error.Value);
        Assert.Equal($"a.csv, record 7, column 'name', value 'tab\\u0009here{new string('x', 42)}…': too long", error.Message);
    }

    /// <summary>The shape of ODP.NET's OracleException that the loader reads by reflection: Errors[i].ArrayBindIndex.</summary>
    private sealed class FakeOracleException(string message, int arrayBindIndex) : DbException(message)
    {
        public IReadOnlyList<FakeOracleError> Errors { get; } = [new(arrayBindIndex)];
    }

    private sealed record FakeOracleError(int ArrayBindIndex);
}
