using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Postgres;
using EtlStudio.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The engine's own binary COPY encoder (<see cref="PostgresCopyWriter"/>) against a real PostgreSQL 15: what it
/// stores must read back, as text, exactly as what <see cref="NpgsqlBinaryImporter"/> stores for the same rows.</summary>
public sealed class PostgresCopyEncoderTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every (mapped type, column type) pair the loader accepts.</summary>
    private static readonly (string Name, string Sql, ColumnType Type)[] Pairs =
    [
        ("id", "bigint PRIMARY KEY", ColumnType.Long),
        ("s", "text", ColumnType.String), ("sv", "varchar(30000)", ColumnType.String), ("sc", "char(5)", ColumnType.String),
        ("jt", "text", ColumnType.Json), ("jv", "varchar", ColumnType.Json), ("j", "json", ColumnType.Json), ("jb", "jsonb", ColumnType.Json),
        ("i", "integer", ColumnType.Int), ("i8", "bigint", ColumnType.Int), ("inum", "numeric", ColumnType.Int), ("if8", "double precision", ColumnType.Int),
        ("l", "bigint", ColumnType.Long), ("lnum", "numeric", ColumnType.Long),
        ("d", "numeric", ColumnType.Decimal), ("d28", "numeric(38,8)", ColumnType.Decimal), ("d2", "numeric(30,2)", ColumnType.Decimal),
        ("f", "double precision", ColumnType.Double), ("b", "boolean", ColumnType.Bool), ("dt", "date", ColumnType.Date),
        ("ts", "timestamp", ColumnType.DateTime), ("tstz", "timestamptz", ColumnType.DateTime),
        ("tz", "timestamptz", ColumnType.DateTimeOffset), ("tzts", "timestamp", ColumnType.DateTimeOffset), ("g", "uuid", ColumnType.Guid),
    ];

    private static readonly decimal[] Decimals =
    [
        0m, 0.00m, -0.00m, 1m, -1m, 1.50m, -123.4567m, 0.1m, 0.12345m, 10000m, 100000000m, 12345678.9m, 9999.9999m,
        0.0001m, 0.00000001m, 0.0000000000000000000000000001m, 7.9228162514264337593543950335m, decimal.MaxValue, decimal.MinValue,
        -12345678901234567890.12345678m, 1.123456789m, 999.995m, -0.005m,
    ];

    private static readonly double[] Doubles =
        [0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, 0.1, -1e-300, 1e308];

    private static readonly DateOnly[] Dates =
    [
        DateOnly.MinValue, DateOnly.MaxValue, new(1, 1, 2), new(1582, 10, 10), new(1900, 1, 1), new(1999, 12, 31), new(2000, 1, 1),
        new(2000, 1, 2), new(2024, 2, 29), new(9999, 12, 30),
    ];

    private static readonly DateTime[] Timestamps =
    [
        DateTime.MinValue, DateTime.MaxValue, new DateTime(1999, 12, 31, 23, 59, 59).AddTicks(9_999_999), new(1970, 1, 1), new(2000, 1, 1),
        new DateTime(1969, 7, 20, 20, 17, 40).AddTicks(1_234_567), new DateTime(2026, 12, 6, 12, 34, 56).AddTicks(7_890_123),
        new DateTime(3000, 6, 15, 0, 0, 0).AddTicks(10), new(1, 1, 1, 0, 0, 1), new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990),
    ];

    private static readonly DateTimeOffset[] Instants =
    [
        DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(5.5)),
        new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.FromHours(-8)).AddTicks(123_456_7), new(1900, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)),
        new(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14)), new(4000, 1, 1, 12, 0, 0, TimeSpan.FromMinutes(45)),
    ];

    private static readonly string[] Texts =
    [
        "", " ", "héllo wörld ✓", "日本語テキスト", "😀 emoji \u200B\u202E", "quote \" and backslash \\ and \\N", "line\r\nbreak\ttab",
        new string('é', 20_000), "abcde",
    ];

    private static readonly string[] Json = ["{}", "[]", "null", "{\"b\": 1,  \"a\": [1, 2.50, \"ü\"]}", "\"text é\"", "{\"deep\": {\"x\": [true, false, null]}}"];

    private static readonly Guid[] Guids = [Guid.Empty, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff")];

    [Fact]
    public async Task Edge_values_of_every_type_pair_read_back_as_the_importer_stores_them()
    {
        var rows = EdgeRows().Concat(RandomRows.Generate(20261206, 3000, [.. Pairs.Select(p => p.Type)]).Select(Fit).Select((r, i) => WithId(r, 1000 + i))).ToArray();
        var (encoded, imported) = (await TableAsync(), await TableAsync());

        Assert.True(await LoadAsync(encoded, rows, rawCopy: true));
        Assert.False(await LoadAsync(imported, rows, rawCopy: false));

        var select = $"SELECT {string.Join(", ", Pairs.Select(p => $"{p.Name}::text"))} FROM {{0}} ORDER BY id";
        var expected = await TextAsync(string.Format(CultureInfo.InvariantCulture, select, imported));
        var actual = await TextAsync(string.Format(CultureInfo.InvariantCulture, select, encoded));
        Assert.Equal(rows.Length, actual.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            for (var c = 0; c < Pairs.Length; c++)
            {
                Assert.True(expected[r][c] == actual[r][c], $"row id {expected[r][0]}, column {Pairs[c].Name}: importer <{Cut(expected[r][c])}>, encoder <{Cut(actual[r][c])}>");
            }
        }
    }

    [Fact]
    public async Task Numerics_and_times_read_back_as_the_server_spells_the_same_literals()
    {
        // Independent of Npgsql: the server's own text for literals of the same values. Sub-microsecond ticks are dropped
        // towards 2000-01-01 as Npgsql drops them, so 40.1234567 in 1969 is stored as 40.123457.
        var table = await TableAsync();
        var rows = new[]
        {
            Row(1, ("d", 1.50m), ("d2", -0.005m), ("inum", int.MinValue), ("lnum", long.MaxValue), ("ts", new DateTime(1969, 7, 20, 20, 17, 40).AddTicks(1_234_567)), ("dt", DateOnly.MinValue)),
            Row(2, ("d", -12345678901234567890.12345678m), ("d2", 999.995m), ("tz", new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.FromHours(-8))), ("f", double.NaN)),
            Row(3, ("d", 0.0000000000000000000000000001m), ("d28", 0.00m), ("tstz", DateTime.MaxValue), ("dt", new DateOnly(1, 1, 2))),
            Row(4, ("d", decimal.MinValue), ("d28", 1.123456789m), ("ts", DateTime.MinValue), ("f", double.NegativeInfinity)),
        };
        Assert.True(await LoadAsync(table, rows, rawCopy: true));

        var stored = await TextAsync($"SELECT d::text, d2::text, d28::text, inum::text, lnum::text, ts::text, tz::text, tstz::text, dt::text, f::text FROM {table} ORDER BY id");
        var literals = await TextAsync(
            """
            SELECT '1.50'::numeric::text, '-0.01'::numeric(30,2)::text, NULL, '-2147483648'::numeric::text, '9223372036854775807'::numeric::text,
                   '1969-07-20 20:17:40.123457'::timestamp::text, NULL, NULL, '-infinity'::date::text, NULL
            UNION ALL SELECT '-12345678901234567890.12345678'::numeric::text, '1000.00'::numeric(30,2)::text, NULL, NULL, NULL, NULL,
                   '2000-01-01 07:00:00+00'::timestamptz::text, NULL, NULL, 'NaN'::float8::text
            UNION ALL SELECT '0.0000000000000000000000000001'::numeric::text, NULL, '0.00000000'::numeric(38,8)::text, NULL, NULL, NULL, NULL,
                   'infinity'::timestamptz::text, '0001-01-02'::date::text, NULL
            UNION ALL SELECT '-79228162514264337593543950335'::numeric::text, NULL, '1.12345679'::numeric(38,8)::text, NULL, NULL,
                   '-infinity'::timestamp::text, NULL, NULL, NULL, '-Infinity'::float8::text
            """);
        Assert.Equal(literals.Count, stored.Count);
        for (var r = 0; r < literals.Count; r++)
        {
            Assert.Equal(string.Join(" | ", literals[r]), string.Join(" | ", stored[r]));
        }
    }

    [Fact]
    public async Task Upsert_through_the_encoder_lets_the_last_row_of_a_key_win_and_counts_new_keys()
    {
        var table = await TableAsync();
        Assert.True(await LoadAsync(table, [Row(1, ("s", "old")), Row(2, ("s", "old"))], rawCopy: true));

        var destination = Destination(table, LoadMode.Upsert, "id");
        await using var session = await new LoaderFactory(NullLoggerFactory.Instance, postgresRawCopy: true).Create(DatabaseProvider.PostgreSql)
            .BeginAsync(destination, Columns, Ct);
        Assert.True(((PostgresLoadSession)session).EncodesRows);
        object?[][] batch = [Row(2, ("s", "first"), ("d", 1.5m)), Row(3, ("s", "née"), ("g", Guids[1])), Row(2, ("s", "last"), ("d", -2.25m))];
        await session.WriteBatchAsync(new RowBatch(batch, batch.Length), Ct);
        await session.CompleteAsync(Ct);

        Assert.Equal((1L, 2L), (session.Counts.Inserted, session.Counts.Updated));
        var stored = await TextAsync($"SELECT id::text, s, d::text, g::text FROM {table} ORDER BY id");
        Assert.Equal<string?[]>([["1", "old", null, null], ["2", "last", "-2.25", null], ["3", "née", null, Guids[1].ToString()]], stored);
    }

    [Fact]
    public async Task A_client_encoding_other_than_UTF8_loads_through_the_importer_and_keeps_the_text()
    {
        var table = await TableAsync();
        var latin1 = server.ConnectionString + ";Client Encoding=LATIN1;Encoding=ISO-8859-1";
        var destination = Destination(table) with { ConnectionString = latin1 };
        await using (var session = await new LoaderFactory().Create(DatabaseProvider.PostgreSql).BeginAsync(destination, Columns, Ct))
        {
            Assert.False(((PostgresLoadSession)session).EncodesRows);
            await session.WriteBatchAsync(new RowBatch([Row(1, ("s", "café"), ("i", 7))], 1), Ct);
            await session.CompleteAsync(Ct);
        }
        Assert.Equal<string?[]>([["café", "7"]], await TextAsync($"SELECT s, i::text FROM {table}"));
    }

    [Fact]
    public void A_column_pair_without_an_encoder_sends_the_whole_load_through_the_importer()
    {
        CatalogColumn[] columns = [new("id", "int8"), new("name", "text"), new("tags", "citext")];
        TargetColumn[] targets = [new("id", ColumnType.Long), new("name", ColumnType.String), new("tags", ColumnType.String)];
        var target = new ResolvedTarget(new TableCatalog(null, "t", columns, []), targets, columns, []);

        Assert.Null(PostgresCopyWriter.TryCreate(target, rowOrdinal: false));
        Assert.NotNull(PostgresCopyWriter.TryCreate(target with { Targets = targets[..2], Columns = columns[..2] }, rowOrdinal: false));
    }

    [Fact]
    public async Task A_value_the_encoder_cannot_write_is_located_and_nothing_of_its_batch_is_committed()
    {
        var table = await TableAsync();
        // Enough rows before the bad one that several chunks already went to the server.
        var rows = Enumerable.Range(1, 4000).Select(i => Row(i, ("s", new string('x', 40)), ("d", i / 100m))).ToArray();
        rows[3499][Index("i")] = "not an int";
        var batch = new RowBatch(rows, rows.Length, [.. rows.Select(_ => "orders.csv")], [.. rows.Select((_, i) => i + 2L)]);

        await using var session = await Loader(rawCopy: true).BeginAsync(Destination(table), Columns, Ct);
        Assert.True(((PostgresLoadSession)session).EncodesRows);
        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(batch, Ct));

        Assert.Equal(("orders.csv", 3501L, "i", "not an int"), (error.Origin, error.Record, error.Column, error.Value));
        Assert.IsType<InvalidCastException>(error.InnerException);
        Assert.Empty(await TextAsync($"SELECT id::text FROM {table}"));
        // The connection is still usable: the next batch loads.
        await session.WriteBatchAsync(new RowBatch([Row(1, ("s", "ok"))], 1), Ct);
        Assert.Equal<string?[]>([["1"]], await TextAsync($"SELECT id::text FROM {table}"));
    }

    [Fact]
    public async Task A_value_the_server_refuses_after_many_chunks_is_located_by_its_COPY_line_and_nothing_is_committed()
    {
        var table = await TableAsync();
        var rows = Enumerable.Range(1, 4000).Select(i => Row(i, ("s", new string('y', 40)), ("sc", "abc"))).ToArray();
        rows[2999][Index("sc")] = "too long";
        var batch = new RowBatch(rows, rows.Length, [.. rows.Select(_ => "big.csv")], [.. rows.Select((_, i) => i + 1L)]);

        await using var session = await Loader(rawCopy: true).BeginAsync(Destination(table), Columns, Ct);
        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(batch, Ct));

        Assert.Equal(("big.csv", 3000L, "sc", "too long"), (error.Origin, error.Record, error.Column, error.Value));
        Assert.Contains("value too long for type character(5)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await TextAsync($"SELECT id::text FROM {table}"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Text_with_a_lone_surrogate_is_refused_with_its_row_and_column_by_the_encoder_as_by_the_importer(bool rawCopy)
    {
        var table = await TableAsync();
        await using var session = await Loader(rawCopy).BeginAsync(Destination(table), Columns, Ct);
        Assert.Equal(rawCopy, ((PostgresLoadSession)session).EncodesRows);
        var batch = new RowBatch([Row(1, ("s", "fine")), Row(2, ("s", "bad \uD800 half"))], 2, ["in.json", "in.json"], [1, 2]);

        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(batch, Ct));

        Assert.Equal(("in.json", 2L, "s"), (error.Origin, error.Record, error.Column));
        Assert.Empty(await TextAsync($"SELECT id::text FROM {table}"));
    }

    private static TargetColumn[] Columns => [.. Pairs.Select(p => new TargetColumn(p.Name, p.Type))];

    private static int Index(string name) => Array.FindIndex(Pairs, p => p.Name == name);

    private static IDestinationLoader Loader(bool rawCopy) => new LoaderFactory(NullLoggerFactory.Instance, rawCopy).Create(DatabaseProvider.PostgreSql);

    private DestinationDefinition Destination(string table, LoadMode mode = LoadMode.Append, params string[] keys) => new()
    {
        Provider = DatabaseProvider.PostgreSql, ConnectionString = server.ConnectionString, Table = table, Mode = mode, KeyColumns = keys,
    };

    /// <summary>Loads <paramref name="rows"/> in batches of 700; returns whether the session used the encoder.</summary>
    private async Task<bool> LoadAsync(string table, object?[][] rows, bool rawCopy)
    {
        await using var session = await Loader(rawCopy).BeginAsync(Destination(table), Columns, Ct);
        foreach (var chunk in rows.Chunk(700)) await session.WriteBatchAsync(new RowBatch(chunk, chunk.Length), Ct);
        await session.CompleteAsync(Ct);
        return ((PostgresLoadSession)session).EncodesRows;
    }

    private async Task<string> TableAsync()
    {
        var table = "copy_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"CREATE TABLE {table} ({string.Join(", ", Pairs.Select(p => $"{p.Name} {p.Sql}"))})", connection);
        await command.ExecuteNonQueryAsync(Ct);
        return table;
    }

    private async Task<List<string?[]>> TextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(Ct)) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))]);
        return rows;
    }

    /// <summary>A row with <paramref name="id"/> and the named cells; every other column null.</summary>
    private static object?[] Row(long id, params (string Column, object? Value)[] cells)
    {
        var row = new object?[Pairs.Length];
        row[0] = id;
        foreach (var (column, value) in cells) row[Index(column)] = value;
        return row;
    }

    /// <summary>Each edge list walked down its column, one value per row, and a row of NULLs in every column.</summary>
    private static IEnumerable<object?[]> EdgeRows()
    {
        var length = new[] { Decimals.Length, Doubles.Length, Dates.Length, Timestamps.Length, Instants.Length, Texts.Length, Json.Length }.Max();
        yield return Row(0);
        for (var r = 0; r < length; r++)
        {
            T? At<T>(T[] values) => r < values.Length ? values[r] : default;
            int[] ints = [int.MinValue, int.MaxValue, 0, -1, 1, 10000];
            long[] longs = [long.MinValue, long.MaxValue, 0, -1, 9_999_999_999];
            var text = r < Texts.Length ? Texts[r] : null;
            yield return Row(r + 1,
                ("s", text), ("sv", text), ("sc", text is { Length: <= 5 } ? text : null),
                ("jt", r < Json.Length ? Json[r] : null), ("jv", r < Json.Length ? Json[r] : null), ("j", r < Json.Length ? Json[r] : null), ("jb", r < Json.Length ? Json[r] : null),
                ("i", r < ints.Length ? ints[r] : null), ("i8", r < ints.Length ? ints[r] : null), ("inum", r < ints.Length ? ints[r] : null), ("if8", r < ints.Length ? ints[r] : null),
                ("l", r < longs.Length ? longs[r] : null), ("lnum", r < longs.Length ? longs[r] : null),
                ("d", r < Decimals.Length ? Decimals[r] : null),
                ("d28", r < Decimals.Length ? Decimals[r] : null),
                ("d2", r < Decimals.Length && Math.Abs(Decimals[r]) < 1e27m ? Decimals[r] : null),
                ("f", r < Doubles.Length ? Doubles[r] : null), ("b", r < 2 ? r == 0 : null), ("dt", r < Dates.Length ? Dates[r] : null),
                ("ts", r < Timestamps.Length ? Timestamps[r] : null), ("tstz", r < Timestamps.Length ? DateTime.SpecifyKind(Timestamps[r], DateTimeKind.Utc) : null),
                ("tz", r < Instants.Length ? Instants[r] : null), ("tzts", r < Instants.Length ? Instants[r] : null), ("g", At(Guids) is var g && r < Guids.Length ? g : null));
        }
    }

    /// <summary>A seeded random row made to fit: char(5) takes at most 5 characters, JSON text goes where JSON does.</summary>
    private static object?[] Fit(object?[] row)
    {
        if (row[Index("sc")] is string s && s.Length > 5) row[Index("sc")] = s[..(char.IsHighSurrogate(s[4]) ? 4 : 5)];
        return row;
    }

    private static object?[] WithId(object?[] row, long id)
    {
        row[0] = id;
        return row;
    }

    private static string? Cut(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text;
}
