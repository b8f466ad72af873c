using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using Microsoft.Data.Sqlite;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

public sealed class SqliteQuerySourceTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"esrc-{Guid.NewGuid():N}.db");
    private readonly SourceFactory _factory = new(new HttpClient());

    private string ConnectionString => $"Data Source={_path};Pooling=false";

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Every_common_column_type_reads_as_invariant_text_with_parameters()
    {
        var guid = Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE t (id INTEGER, amount DECIMAL(10,2), ratio REAL, ok BOOLEAN, day DATE, at DATETIME,
                  uid GUID, raw BLOB, name TEXT, missing TEXT);
                INSERT INTO t VALUES (1, $amount, $ratio, $ok, $day, $at, $uid, $raw, $name, NULL);
                INSERT INTO t VALUES (2, 0, 0, 0, NULL, NULL, NULL, NULL, 'other', NULL);
                """;
            command.Parameters.AddWithValue("$amount", 1234.56m);
            command.Parameters.AddWithValue("$ratio", 0.1d);
            command.Parameters.AddWithValue("$ok", true);
            command.Parameters.AddWithValue("$day", new DateOnly(2024, 2, 29));
            command.Parameters.AddWithValue("$at", new DateTime(2024, 2, 29, 13, 45, 30, 123));
            command.Parameters.AddWithValue("$uid", guid);
            command.Parameters.AddWithValue("$raw", new byte[] { 1, 2, 255 });
            command.Parameters.AddWithValue("$name", "a,\"b\"\nü");
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var reader = await _factory.OpenQueryAsync(new DatabaseSourceDefinition
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = ConnectionString,
            Query = "SELECT * FROM t WHERE id = @id",
            Parameters = new Dictionary<string, object?> { ["id"] = 1L },
        }, TestContext.Current.CancellationToken);
        var row = Assert.Single(await Records.ReadAllAsync(reader));

        Assert.Equal("1", row["id"]);
        Assert.Equal("1234.56", row["amount"]);
        Assert.Equal("0.1", row["ratio"]);
        Assert.Equal("true", row["ok"]);
        Assert.Equal("2024-02-29", row["day"]);
        Assert.Equal("2024-02-29 13:45:30.123", row["at"]);
        Assert.Equal(guid.ToString("D"), row["uid"]);
        Assert.Equal(Convert.ToBase64String([1, 2, 255]), row["raw"]);
        Assert.Equal("a,\"b\"\nü", row["name"]);
        Assert.Null(row["missing"]);
        Assert.Equal($"query on Sqlite {_path}", reader.Origin);
    }

    [Fact]
    public async Task A_null_parameter_binds_as_sql_null()
    {
        await using var reader = await _factory.OpenQueryAsync(new DatabaseSourceDefinition
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = ConnectionString,
            Query = "SELECT @p IS NULL AS is_null",
            Parameters = new Dictionary<string, object?> { ["p"] = null },
        }, TestContext.Current.CancellationToken);

        Assert.Equal("1", Assert.Single(await Records.ReadAllAsync(reader))["is_null"]);
    }

    [Fact]
    public async Task A_read_only_query_reads_its_rows()
    {
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2);";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var reader = await _factory.OpenQueryAsync(new DatabaseSourceDefinition
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = ConnectionString,
            Query = "SELECT id FROM t ORDER BY id",
            ReadOnly = true,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(["1", "2"], (await Records.ReadAllAsync(reader)).Select(r => r["id"]));
    }
}
