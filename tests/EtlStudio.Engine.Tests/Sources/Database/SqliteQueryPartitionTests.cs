using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Database;
using Microsoft.Data.Sqlite;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

public sealed class SqliteQueryPartitionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"epart-{Guid.NewGuid():N}.db");
    private readonly SourceFactory _factory = new(new HttpClient());

    private string ConnectionString => $"Data Source={_path};Pooling=false";

    public void Dispose() => File.Delete(_path);

    private DatabaseSourceDefinition Source(string query) => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = ConnectionString, Query = query };

    private async Task SeedAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        // ids 1..200 with gaps and NULLs, a date per row, a name.
        command.CommandText = """
            CREATE TABLE t (id INTEGER, day DATE, name TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO t SELECT CASE WHEN i % 17 = 0 THEN NULL ELSE i * 3 END, date('2024-01-01', '+' || (i % 40) || ' days'), 'n' || i FROM n;
            """;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> ReadNamesAsync(DatabaseSourceDefinition source, QueryRange range, List<string> origins)
    {
        await using var reader = await _factory.OpenQueryAsync(source with { Range = range }, TestContext.Current.CancellationToken);
        origins.Add(reader.Origin);
        return [.. (await Records.ReadAllAsync(reader)).Select(r => r["name"]!)];
    }

    [Fact]
    public async Task Ranges_from_declared_bounds_read_every_row_exactly_once_nulls_and_outliers_included()
    {
        await SeedAsync();
        var source = Source("SELECT id, name FROM t;");
        // Bounds inside the data: ids below 100 and above 400 still belong to the first and last range.
        var ranges = QueryPartitioning.Split("id", RangeKind.Integer, "100", "400", 5);
        var origins = new List<string>();

        var names = new List<string>();
        foreach (var range in ranges) names.AddRange(await ReadNamesAsync(source, range, origins));

        Assert.Equal(200, names.Count);
        Assert.Equal(200, names.Distinct().Count());
        Assert.Equal(5, origins.Distinct().Count());
        Assert.Equal($"query on Sqlite {_path} [id < 160 or null]", origins[0]);
    }

    [Fact]
    public async Task Bounds_read_from_the_column_split_dates_and_every_row_is_read_once()
    {
        await SeedAsync();
        var source = Source("SELECT day, name FROM t");

        var bounds = await _factory.ReadQueryBoundsAsync(source, "day", TestContext.Current.CancellationToken);

        Assert.Equal(new QueryBounds(RangeKind.Date, "2024-01-01", "2024-02-09"), bounds);
        var ranges = QueryPartitioning.Split("day", bounds!, 4);
        var origins = new List<string>();
        var perRange = new List<int>();
        var names = new List<string>();
        foreach (var range in ranges)
        {
            var read = await ReadNamesAsync(source, range, origins);
            perRange.Add(read.Count);
            names.AddRange(read);
        }
        Assert.Equal(200, names.Distinct().Count());
        Assert.Equal(200, names.Count);
        // 40 days in 4 strides of 10 days, 5 rows a day.
        Assert.Equal([50, 50, 50, 50], perRange);
    }

    [Fact]
    public async Task Bounds_of_an_integer_column_skip_nulls()
    {
        await SeedAsync();

        var bounds = await _factory.ReadQueryBoundsAsync(Source("SELECT * FROM t"), "id", TestContext.Current.CancellationToken);

        Assert.Equal(new QueryBounds(RangeKind.Integer, "3", "600"), bounds);
    }

    [Fact]
    public async Task A_query_without_values_in_the_column_has_no_bounds()
    {
        await SeedAsync();

        Assert.Null(await _factory.ReadQueryBoundsAsync(Source("SELECT * FROM t WHERE id IS NULL"), "id", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_text_column_is_refused_and_a_missing_column_is_named()
    {
        await SeedAsync();

        var text = await Assert.ThrowsAsync<EtlDataException>(() => _factory.ReadQueryBoundsAsync(Source("SELECT * FROM t"), "name", TestContext.Current.CancellationToken));
        Assert.Contains("partition column 'name' holds", text.Message);
        var missing = await Assert.ThrowsAsync<EtlDataException>(() => _factory.ReadQueryBoundsAsync(Source("SELECT * FROM t"), "nope", TestContext.Current.CancellationToken));
        Assert.Contains("reading MIN/MAX of partition column 'nope' failed", missing.Message);
    }
}
