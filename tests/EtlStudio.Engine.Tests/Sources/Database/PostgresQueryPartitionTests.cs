using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Database;
using EtlStudio.Testing;
using Npgsql;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

/// <summary>Bounds read from PostgreSQL columns of each supported kind, and the ranges they give read every row once.</summary>
public sealed class PostgresQueryPartitionTests(PostgresServer postgres)
{
    private readonly SourceFactory _factory = new(new HttpClient());
    private readonly string _table = $"qp_{Guid.NewGuid():N}";

    private DatabaseSourceDefinition Query(string sql) => new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = postgres.ConnectionString, Query = sql };

    [Theory]
    [InlineData("i", RangeKind.Integer, "1", "499")]
    [InlineData("n", RangeKind.Decimal, "0.50", "250.00")]
    [InlineData("dt", RangeKind.Date, "2024-01-02", "2025-05-15")]
    [InlineData("ts", RangeKind.DateTime, "2024-01-01T01:00:00.0000000", "2024-01-21T20:00:00.0000000")]
    [InlineData("tz", RangeKind.DateTime, "2024-01-01T01:00:00.0000000Z", "2024-01-21T20:00:00.0000000Z")]
    public async Task Ranges_from_the_bounds_of_each_column_kind_read_every_row_once(string column, RangeKind kind, string min, string max)
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"""
                CREATE TABLE {_table} (k int, i int, n numeric(10,2), dt date, ts timestamp, tz timestamptz);
                INSERT INTO {_table} SELECT g, CASE WHEN g % 50 = 0 THEN NULL ELSE g END, g / 2.0, date '2024-01-01' + g,
                  timestamp '2024-01-01' + g * interval '1 hour', timestamptz '2024-01-01 00:00+00' + g * interval '1 hour' FROM generate_series(1, 500) g;
                """, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        var source = Query($"SELECT * FROM {_table}");

        var bounds = await _factory.ReadQueryBoundsAsync(source, column, ct);

        Assert.Equal(new QueryBounds(kind, min, max), bounds);
        var keys = new List<string>();
        foreach (var range in QueryPartitioning.Split(column, bounds!, 7))
        {
            await using var reader = await _factory.OpenQueryAsync(source with { Range = range }, ct);
            keys.AddRange((await Records.ReadAllAsync(reader)).Select(r => r["k"]!));
        }
        Assert.Equal(500, keys.Count);
        Assert.Equal(500, keys.Distinct().Count());
    }
}
