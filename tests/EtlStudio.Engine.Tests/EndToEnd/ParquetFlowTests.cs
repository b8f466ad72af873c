using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Parsing.Parquet;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Parquet files written by DuckDB through the real FlowRunner into PostgreSQL: decimals with their scale,
/// timestamps with and without UTC adjustment, dates, struct children by path, lists as JSON, nulls, several row
/// groups; a cut file fails the run naming the file and TruncateReplace keeps the old rows.</summary>
public sealed class ParquetFlowTests(PostgresServer postgres)
{
    private static readonly ParseDefinition Parquet = new() { Format = ParseFormat.Parquet };

    private static readonly ColumnMap[] Columns =
    [
        new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Long, Required = true },
        new() { SourceField = "name", TargetColumn = "name" },
        new() { SourceField = "amount", TargetColumn = "amount", Type = ColumnType.Decimal, Precision = 18, Scale = 4 },
        new() { SourceField = "at", TargetColumn = "at", Type = ColumnType.DateTime },
        new() { SourceField = "at_utc", TargetColumn = "at_utc", Type = ColumnType.DateTimeOffset },
        new() { SourceField = "day", TargetColumn = "day", Type = ColumnType.Date },
        new() { SourceField = "address.city", TargetColumn = "city" },
        new() { SourceField = "tags", TargetColumn = "tags", Type = ColumnType.Json },
        new() { SourceField = "ok", TargetColumn = "ok", Type = ColumnType.Bool },
        new() { TargetColumn = "record", Derived = DerivedValue.RowNumber, Type = ColumnType.Long },
    ];

    [Fact]
    public async Task Every_cell_of_a_DuckDB_file_with_several_row_groups_loads_into_PostgreSQL_with_its_type()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync("""
            CREATE TABLE pq_orders (id bigint PRIMARY KEY, name text, amount numeric(18,4), at timestamp, at_utc timestamptz, day date,
              city text, tags jsonb, ok boolean, record bigint)
            """);
        const int rows = 5000;
        DuckDbParquet.Write(host.PathOf("orders.parquet"), $$"""
            SELECT i AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE 'Name ü ' || i END AS name, (i * 12.3456)::DECIMAL(18,4) AS amount,
              TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i * 1001) MILLISECOND AS at,
              TIMESTAMPTZ '2024-06-30 22:00:00+00' + INTERVAL (i) MINUTE AS at_utc, DATE '2000-01-01' + (i % 9000)::INTEGER AS day,
              CASE WHEN i % 3 = 0 THEN NULL ELSE {'city': 'City ' || (i % 10), 'zip': i} END AS address,
              CASE WHEN i % 4 = 0 THEN NULL ELSE [i, i + 1] END AS tags, i % 2 = 0 AS ok
            FROM range(1, {{rows + 1}}) t(i) ORDER BY i
            """, rowGroupSize: 2048);

        var result = await host.RunAsync(host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, "pq_orders", "*.parquet", Parquet));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((rows, rows, 0L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        var stored = await db.QueryAsync("SELECT id, name, amount::text, at, at_utc, day, city, tags::text, ok, record FROM pq_orders ORDER BY id");
        Assert.Equal(rows, stored.Count);
        for (var i = 1; i <= rows; i++)
        {
            object?[] expected =
            [
                (long)i, i % 5 == 0 ? null : $"Name ü {i}", (i * 12.3456m).ToString("0.0000", CultureInfo.InvariantCulture),
                new DateTime(2024, 1, 1).AddMilliseconds(i * 1001L), new DateTime(2024, 6, 30, 22, 0, 0, DateTimeKind.Utc).AddMinutes(i),
                new DateOnly(2000, 1, 1).AddDays(i % 9000), i % 3 == 0 ? null : $"City {i % 10}", i % 4 == 0 ? null : $"[{i}, {i + 1}]",
                i % 2 == 0, (long)i,
            ];
            Assert.Equal(expected, Normalize(stored[i - 1]));
        }
    }

    [Fact]
    public async Task A_cut_Parquet_file_fails_the_run_naming_the_file_and_TruncateReplace_keeps_the_old_rows()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        DuckDbParquet.Write(host.PathOf("a.parquet"), "SELECT i::INTEGER AS id, 'new ' || i AS name, (i * 2)::INTEGER AS qty FROM range(100, 131) t(i)");
        DuckDbParquet.Write(host.PathOf("b.parquet"), "SELECT i::INTEGER AS id, 'new ' || i AS name, (i * 2)::INTEGER AS qty FROM range(200, 5000) t(i)");
        var bytes = await File.ReadAllBytesAsync(host.PathOf("b.parquet"), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(host.PathOf("b.parquet"), bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);

        var result = await host.RunAsync(host.Flow(ItemsTable.Columns, db.Provider, db.ConnectionString, ItemsTable.Name, "*.parquet", Parquet, LoadMode.TruncateReplace));

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal(host.PathOf("b.parquet"), error.Origin);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    private static object?[] Normalize(object?[] row) =>
        [.. row.Select(v => v switch
        {
            DateTime { Kind: DateTimeKind.Utc } t => t,
            DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Unspecified),
            _ => v,
        })];
}
