using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Oracle;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>Oracle: no provider package and no server here, so these check the SQL text, the array binding and the
/// error when the provider is absent. Loading into a live Oracle is not verified by this suite.</summary>
public sealed class OracleSqlTests
{
    private static readonly TableCatalog Orders = new("SALES", "Orders",
        [new("ID", "number", Precision: 10, Scale: 0), new("Name", "varchar2", 50), new("WHEN", "timestamp(6)"), new("REF", "raw", 16)], [["ID"]]);

    private static ResolvedTarget Target(int columns, params string[] keys) =>
        new(Orders, [.. Orders.Columns.Take(columns).Select(c => new TargetColumn(c.Name, ColumnType.String))], [.. Orders.Columns.Take(columns)], keys);

    [Fact]
    public void SQL_text_only_insert_quotes_names_and_binds_p0_p1_in_column_order()
    {
        Assert.Equal("INSERT INTO \"SALES\".\"Orders\" (\"ID\", \"Name\", \"WHEN\") VALUES (:p0, :p1, :p2)", OracleSql.Insert(Target(3)));
        Assert.Equal("DELETE FROM \"SALES\".\"Orders\"", OracleSql.DeleteAll(Orders));
    }

    [Fact]
    public void SQL_text_only_merge_has_one_bound_source_row_per_execution()
    {
        Assert.Equal(
            "MERGE INTO \"SALES\".\"Orders\" t USING (SELECT :p0 AS \"ID\", :p1 AS \"Name\", :p2 AS \"WHEN\" FROM DUAL) s ON (t.\"ID\" = s.\"ID\") " +
            "WHEN MATCHED THEN UPDATE SET t.\"Name\" = s.\"Name\", t.\"WHEN\" = s.\"WHEN\" " +
            "WHEN NOT MATCHED THEN INSERT (\"ID\", \"Name\", \"WHEN\") VALUES (s.\"ID\", s.\"Name\", s.\"WHEN\")",
            OracleSql.Merge(Target(3, "ID")));
        var keysOnly = OracleSql.Merge(Target(2, "ID", "Name"));
        Assert.Contains("ON (t.\"ID\" = s.\"ID\" AND t.\"Name\" = s.\"Name\") WHEN NOT MATCHED", keysOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("WHEN MATCHED", keysOnly, StringComparison.Ordinal);
    }

    [Fact]
    public void SQL_text_only_key_count_lists_each_batch_key_as_a_bound_tuple()
    {
        Assert.Equal("SELECT COUNT(*) FROM \"SALES\".\"Orders\" WHERE (\"ID\") IN ((:k0_0), (:k1_0), (:k2_0))", OracleSql.CountKeys(Target(3, "ID"), 3));
        Assert.Equal("SELECT COUNT(*) FROM \"SALES\".\"Orders\" WHERE (\"ID\", \"Name\") IN ((:k0_0, :k0_1), (:k1_0, :k1_1))",
            OracleSql.CountKeys(Target(2, "ID", "Name"), 2));
    }

    [Fact]
    public void SQL_text_only_a_name_with_a_double_quote_is_refused_because_Oracle_cannot_quote_it()
    {
        var error = Assert.ThrowsAny<EtlDataException>(() => Identifiers.Oracle("x\"; DROP TABLE y; --"));
        Assert.Contains("double quote", error.Message, StringComparison.Ordinal);
        Assert.Equal("\"x; DROP TABLE y; --\"", Identifiers.Oracle("x; DROP TABLE y; --"));
    }

    [Fact]
    public void SQL_text_only_catalog_queries_take_the_names_as_bind_variables()
    {
        Assert.Contains("TABLE_NAME = :p_table OR TABLE_NAME = UPPER(:p_table)", OracleSql.TableQuery, StringComparison.Ordinal);
        Assert.Contains("FROM ALL_TAB_COLUMNS\nWHERE OWNER = :p_schema AND TABLE_NAME = :p_table", OracleSql.ColumnsQuery.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("i.UNIQUENESS = 'UNIQUE' AND i.INDEX_TYPE = 'NORMAL'", OracleSql.UniqueKeysQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_Oracle_provider_registered_the_loader_says_exactly_what_is_missing()
    {
        var loader = new LoaderFactory().Create(DatabaseProvider.Oracle);
        var destination = new DestinationDefinition { Provider = DatabaseProvider.Oracle, ConnectionString = "Data Source=nowhere", Table = "ORDERS" };

        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => loader.CheckAsync(destination, [new("ID", ColumnType.Int)], TestContext.Current.CancellationToken));

        Assert.Contains("'Oracle.ManagedDataAccess.Client'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Oracle.ManagedDataAccess.Core", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Array_binding_is_set_on_the_provider_command_by_reflection_and_refused_on_other_commands()
    {
        using var command = new ArrayBindingCommand();
        OracleProvider.EnableArrayBinding(command, 250);
        Assert.Equal(250, command.ArrayBindCount);
        Assert.True(command.BindByName);

        using var other = new Microsoft.Data.Sqlite.SqliteCommand();
        Assert.Contains("BindByName", Assert.ThrowsAny<EtlDataException>(() => OracleProvider.EnableArrayBinding(other, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_column_travels_as_one_array_with_DBNull_for_nulls_and_converted_values()
    {
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
        var target = Target(4);
        OracleBinding[] bindings =
        [
            OracleBinding.For(ColumnType.Bool, Orders.Columns[0])!, OracleBinding.For(ColumnType.String, Orders.Columns[1])!,
            OracleBinding.For(ColumnType.DateTimeOffset, Orders.Columns[2])!, OracleBinding.For(ColumnType.Guid, Orders.Columns[3])!,
        ];
        using var command = new ArrayBindingCommand();

        var parameters = OracleArrays.Bind(new([[true, "a", at, id], [false, null, null, null], [true, "not in batch", at, id]], 2), bindings, target, "ORDERS", command.CreateParameter).ToList();

        Assert.Equal(["p0", "p1", "p2", "p3"], parameters.Select(p => p.ParameterName));
        Assert.Equal([DbType.Int16, DbType.String, DbType.DateTime, DbType.Binary], parameters.Select(p => p.DbType));
        Assert.Equal(new object[] { (short)1, (short)0 }, (object[])parameters[0].Value!);
        Assert.Equal(new object[] { "a", DBNull.Value }, (object[])parameters[1].Value!);
        Assert.Equal(new object[] { at.UtcDateTime, DBNull.Value }, (object[])parameters[2].Value!);
        Assert.Equal(id.ToByteArray(), ((object[])parameters[3].Value!)[0]);
    }

    [Fact]
    public void Decimal_into_an_integer_NUMBER_and_text_into_RAW_are_refused()
    {
        Assert.Null(OracleBinding.For(ColumnType.Decimal, new("N", "number", Precision: 10, Scale: 0)));
        Assert.NotNull(OracleBinding.For(ColumnType.Decimal, new("N", "number", Precision: 12, Scale: 2)));
        Assert.NotNull(OracleBinding.For(ColumnType.Decimal, new("N", "number")));
        Assert.Null(OracleBinding.For(ColumnType.String, new("R", "raw", 16)));
        Assert.Equal(DbType.DateTimeOffset, OracleBinding.For(ColumnType.DateTimeOffset, new("T", "timestamp(6) with time zone"))!.Type);
        Assert.Equal(DbType.DateTime, OracleBinding.For(ColumnType.DateTimeOffset, new("T", "timestamp(6) with local time zone"))!.Type);
    }

    /// <summary>Stands in for OracleCommand: the loader only relies on its two extra properties.</summary>
    [SuppressMessage("Design", "CA1065", Justification = "A stand-in: members the loader never calls throw.")]
    private sealed class ArrayBindingCommand : DbCommand
    {
        public int ArrayBindCount { get; set; }
        public bool BindByName { get; set; }
        [AllowNull] public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; }
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => throw new NotSupportedException();
        protected override DbTransaction? DbTransaction { get; set; }
        public override void Cancel() => throw new NotSupportedException();
        public override int ExecuteNonQuery() => throw new NotSupportedException();
        public override object ExecuteScalar() => throw new NotSupportedException();
        public override void Prepare() => throw new NotSupportedException();
        protected override DbParameter CreateDbParameter() => new Microsoft.Data.Sqlite.SqliteParameter();
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new NotSupportedException();
    }
}
