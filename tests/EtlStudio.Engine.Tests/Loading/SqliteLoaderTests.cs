using System.Data.Common;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using Microsoft.Data.Sqlite;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The SQLite loader against a real SQLite database in a temp file (one per test).</summary>
public sealed class SqliteLoaderTests : LoaderBehaviourTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"etl-load-{Guid.NewGuid():N}.db");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string ConnectionString => $"Data Source={_file};Pooling=false";
    protected override string GuidColumnType => "UUID";

    protected override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public void Dispose() => File.Delete(_file);

    /// <summary>Declared types as a SQLite user would write them. Decimals go in a TEXT column: a NUMERIC one would let
    /// SQLite turn them into REAL (15 significant digits).</summary>
    private static readonly (string Name, string Sql, ColumnType Type, Func<SqliteDataReader, int, object> Read)[] AllTypes =
    [
        ("id", "INTEGER PRIMARY KEY", ColumnType.Long, (r, i) => r.GetInt64(i)),
        ("s", "TEXT", ColumnType.String, (r, i) => r.GetString(i)),
        ("sv", "VARCHAR(400)", ColumnType.String, (r, i) => r.GetString(i)),
        ("i", "INTEGER", ColumnType.Int, (r, i) => r.GetInt32(i)),
        ("l", "BIGINT", ColumnType.Long, (r, i) => r.GetInt64(i)),
        ("d", "TEXT", ColumnType.Decimal, (r, i) => r.GetDecimal(i)),
        ("f", "REAL", ColumnType.Double, (r, i) => r.GetDouble(i)),
        ("b", "BOOLEAN", ColumnType.Bool, (r, i) => r.GetBoolean(i)),
        ("dt", "DATE", ColumnType.Date, (r, i) => r.GetFieldValue<DateOnly>(i)),
        ("ts", "DATETIME", ColumnType.DateTime, (r, i) => r.GetDateTime(i)),
        ("tz", "TEXT", ColumnType.DateTimeOffset, (r, i) => r.GetFieldValue<DateTimeOffset>(i)),
        ("g", "TEXT", ColumnType.Guid, (r, i) => r.GetGuid(i)),
        ("gb", "BLOB", ColumnType.Guid, (r, i) => r.GetGuid(i)),
        ("j", "JSON", ColumnType.Json, (r, i) => r.GetString(i)),
    ];

    [Fact]
    public async Task Every_column_type_round_trips_exactly_with_seeded_nasty_values()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} ({string.Join(", ", AllTypes.Select(c => $"{c.Name} {c.Sql}"))})");
        var rows = RandomRows.Generate(seed: 20261125, count: 600, [.. AllTypes.Select(c => c.Type)]);
        TargetColumn[] columns = [.. AllTypes.Select(c => new TargetColumn(c.Name, c.Type))];

        await using (var session = await Loader.BeginAsync(Destination(table), columns, Ct))
        {
            foreach (var chunk in rows.Chunk(250)) await session.WriteBatchAsync(new RowBatch(chunk, chunk.Length), Ct);
            await session.CompleteAsync(Ct);
        }

        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new SqliteCommand($"SELECT {string.Join(", ", AllTypes.Select(c => c.Name))} FROM {table} ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var r = 0;
        for (; await reader.ReadAsync(Ct); r++)
        {
            for (var c = 0; c < AllTypes.Length; c++)
            {
                var expected = rows[r][c];
                var actual = reader.IsDBNull(c) ? null : AllTypes[c].Read(reader, c);
                Assert.True(Equals(expected, actual), $"row {r}, column {AllTypes[c].Name}: expected <{expected}> but found <{actual}>");
                // DateTimeOffset equality compares instants only; SQLite keeps the offset too.
                if (expected is DateTimeOffset o) Assert.Equal(o.Offset, ((DateTimeOffset)actual!).Offset);
            }
        }
        Assert.Equal(rows.Length, r);
    }

    [Fact]
    public async Task Upsert_check_wants_a_unique_index_on_exactly_the_key_columns()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer, name text, code text); CREATE UNIQUE INDEX ux_{table} ON {table} (id, code)");
        TargetColumn[] columns = [new("id", ColumnType.Int), new("code", ColumnType.String), new("name", ColumnType.String)];

        var onId = await Loader.CheckAsync(Destination(table, LoadMode.Upsert, "id"), columns, Ct);
        var onBoth = await Loader.CheckAsync(Destination(table, LoadMode.Upsert, "code", "id"), columns, Ct);

        Assert.Contains("no primary key or unique index on exactly (id)", Assert.Single(onId.Problems), StringComparison.Ordinal);
        Assert.True(onBoth.IsValid, string.Join(" ", onBoth.Problems));
    }

    [Fact]
    public async Task NaN_is_refused_rather_than_stored_as_null()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer, f real)");
        await using var session = await Loader.BeginAsync(Destination(table), [new("id", ColumnType.Int), new("f", ColumnType.Double)], Ct);
        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(new RowBatch([[1, 1.5], [2, double.NaN]], 2), Ct));
        Assert.Equal("f", error.Column);
        Assert.Empty(await QueryAsync($"SELECT * FROM {table}"));
    }
}
