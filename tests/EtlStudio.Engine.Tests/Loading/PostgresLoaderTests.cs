using System.Data.Common;
using System.Text.Json;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Testing;
using Npgsql;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The PostgreSQL loader against a real PostgreSQL 15 (binary COPY).</summary>
public sealed class PostgresLoaderTests(PostgresServer server) : LoaderBehaviourTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    protected override string ConnectionString => server.ConnectionString;
    protected override string GuidColumnType => "uuid";

    // Reads use a lock timeout: a read blocked by a load fails instead of hanging the test.
    protected override DbConnection CreateConnection() => new NpgsqlConnection(server.ConnectionString + ";Options=-c lock_timeout=10s");

    private static readonly (string Name, string Sql, ColumnType Type)[] AllTypes =
    [
        ("id", "bigint PRIMARY KEY", ColumnType.Long), ("s", "text", ColumnType.String), ("sv", "varchar(400)", ColumnType.String),
        ("i", "integer", ColumnType.Int), ("i_wide", "bigint", ColumnType.Int), ("l", "bigint", ColumnType.Long),
        ("d", "numeric(28,8)", ColumnType.Decimal), ("f", "double precision", ColumnType.Double), ("b", "boolean", ColumnType.Bool),
        ("dt", "date", ColumnType.Date), ("ts", "timestamp", ColumnType.DateTime), ("tz", "timestamptz", ColumnType.DateTimeOffset),
        ("tz_plain", "timestamp", ColumnType.DateTimeOffset), ("g", "uuid", ColumnType.Guid), ("j", "json", ColumnType.Json),
        ("jb", "jsonb", ColumnType.Json),
    ];

    [Fact]
    public async Task Every_column_type_round_trips_exactly_with_seeded_nasty_values()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} ({string.Join(", ", AllTypes.Select(c => $"{c.Name} {c.Sql}"))})");
        var types = AllTypes.Select(c => c.Type).ToArray();
        var rows = RandomRows.Generate(seed: 20261125, count: 600, types);
        TargetColumn[] columns = [.. AllTypes.Select(c => new TargetColumn(c.Name, c.Type, 28, 8))];

        await using (var session = await Loader.BeginAsync(Destination(table), columns, Ct))
        {
            foreach (var chunk in rows.Chunk(250)) await session.WriteBatchAsync(new RowBatch(chunk, chunk.Length), Ct);
            await session.CompleteAsync(Ct);
        }

        var stored = await QueryAsync($"SELECT {string.Join(", ", AllTypes.Select(c => c.Name))} FROM {table} ORDER BY id");
        Assert.Equal(rows.Length, stored.Count);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < AllTypes.Length; c++)
            {
                var (expected, actual) = (Expected(rows[r][c], AllTypes[c].Sql), stored[r][c]);
                if (AllTypes[c].Sql == "jsonb" && expected is string e && actual is string a)
                {
                    // jsonb keeps the value, not the text: key order and white space are its own.
                    Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(e).RootElement, JsonDocument.Parse(a).RootElement), $"row {r}, column jb");
                    continue;
                }
                Assert.True(Equals(expected, actual), $"row {r}, column {AllTypes[c].Name}: expected <{expected}> but found <{actual}>");
            }
        }
    }

    /// <summary>What PostgreSQL gives back for a value: timestamptz (and an offset into timestamp) hold the UTC instant.</summary>
    private static object? Expected(object? value, string sqlType) => (value, sqlType) switch
    {
        (DateTimeOffset o, "timestamptz") => o.UtcDateTime,
        (DateTimeOffset o, "timestamp") => DateTime.SpecifyKind(o.UtcDateTime, DateTimeKind.Unspecified),
        (int i, "bigint") => (long)i,
        _ => value,
    };

    [Fact]
    public async Task A_string_too_long_for_varchar_5_rolls_back_its_batch_and_the_error_names_record_column_and_value()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer PRIMARY KEY, name varchar(5))");
        await using var session = await Loader.BeginAsync(Destination(table), IdName, Ct);
        await session.WriteBatchAsync(Batch((1, "fine")), Ct);

        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(FromFile("orders.csv", 41, (2, "ok"), (3, "too long")), Ct));

        Assert.Equal(("orders.csv", 42L, "name", "too long"), (error.Origin, error.Record, error.Column, error.Value));
        Assert.StartsWith("orders.csv, record 42, column 'name', value 'too long': value too long for type character varying(5)", error.Message, StringComparison.Ordinal);
        Assert.Contains(table, error.Message, StringComparison.Ordinal);
        Assert.Equal([(1, "fine")], await RowsAsync(table));
    }

    [Fact]
    public async Task Text_with_a_NUL_character_is_refused_naming_record_column_and_escaped_value_and_nothing_of_the_batch_is_kept()
    {
        var table = await IdNameTableAsync();
        await using var session = await Loader.BeginAsync(Destination(table), IdName, Ct);

        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(FromFile("in.csv", 1, (1, "ok"), (2, "a\0b")), Ct));

        Assert.Equal(("in.csv", 2L, "name", "a\0b"), (error.Origin, error.Record, error.Column, error.Value));
        Assert.StartsWith("in.csv, record 2, column 'name', value 'a\\u0000b': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(table));
    }

    [Fact]
    public async Task TruncateReplace_lets_other_readers_see_the_old_rows_until_it_completes()
    {
        var table = await IdNameTableAsync((1, "old"));
        await using var session = await Loader.BeginAsync(Destination(table, LoadMode.TruncateReplace), IdName, Ct);
        await session.WriteBatchAsync(Batch((2, "new")), Ct);

        // Reads use a lock timeout: a reader blocked by the load fails instead of waiting for the test to end.
        Assert.Equal([(1, "old")], await RowsAsync(table));
        await session.CompleteAsync(Ct);
        Assert.Equal([(2, "new")], await RowsAsync(table));
    }

    [Fact]
    public async Task A_schema_qualified_table_with_a_composite_key_upserts()
    {
        var schema = "s_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.orders (region text, id integer, name text, UNIQUE (id, region))");
        TargetColumn[] columns = [new("region", ColumnType.String), .. IdName];
        var destination = Destination($"{schema}.orders", LoadMode.Upsert, "id", "region");
        foreach (var name in new[] { "first", "second" })
        {
            await using var session = await Loader.BeginAsync(destination, columns, Ct);
            await session.WriteBatchAsync(new RowBatch([["eu", 1, name], ["us", 1, name]], 2), Ct);
            await session.CompleteAsync(Ct);
        }
        var rows = await QueryAsync($"SELECT region, id, name FROM {schema}.orders ORDER BY region");
        Assert.Equal([["eu", 1, "second"], ["us", 1, "second"]], rows);
    }

    [Fact]
    public async Task Upsert_into_a_partitioned_table_counts_new_keys_and_keeps_the_last_row_per_key()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer PRIMARY KEY, name text) PARTITION BY RANGE (id); " +
                           $"CREATE TABLE {table}_low PARTITION OF {table} FOR VALUES FROM (0) TO (3); CREATE TABLE {table}_high PARTITION OF {table} FOR VALUES FROM (3) TO (100); " +
                           $"INSERT INTO {table} VALUES (1, 'a'), (4, 'd')");
        var destination = Destination(table, LoadMode.Upsert, "id");
        await using (var session = await Loader.BeginAsync(destination, IdName, Ct))
        {
            await session.WriteBatchAsync(Batch((1, "x"), (2, "x"), (4, "x"), (5, "x"), (5, "y")), Ct);
            await session.CompleteAsync(Ct);
            // 2 and 5 are new (in both partitions); 1, 4 and the second 5 update.
            Assert.Equal(new LoadCounts(2, 3, 0), session.Counts);
        }
        Assert.Equal([(1, "x"), (2, "x"), (4, "x"), (5, "y")], await RowsAsync(table));
    }

    [Fact]
    public async Task Check_reports_decimals_that_the_column_would_round()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (amount numeric(10,2))");
        var rounding = await Loader.CheckAsync(Destination(table), [new("amount", ColumnType.Decimal, 12, 4)], Ct);
        Assert.Equal(["Column 'amount' is numeric(10,2), which would round decimals of scale 4."], rounding.Problems);
        Assert.True((await Loader.CheckAsync(Destination(table), [new("amount", ColumnType.Decimal, 10, 2)], Ct)).IsValid);
    }
}
