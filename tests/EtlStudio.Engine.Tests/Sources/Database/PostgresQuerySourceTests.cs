using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Testing;
using Npgsql;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

public sealed class PostgresQuerySourceTests(PostgresServer postgres)
{
    private readonly SourceFactory _factory = new(new HttpClient());
    private readonly string _table = $"src_{Guid.NewGuid():N}";

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private DatabaseSourceDefinition Query(string sql, Dictionary<string, object?>? parameters = null) => new()
    {
        Provider = DatabaseProvider.PostgreSql,
        ConnectionString = postgres.ConnectionString,
        Query = sql,
        Parameters = parameters ?? [],
    };

    [Fact]
    public async Task Every_common_column_type_reads_as_invariant_text()
    {
        await ExecuteAsync($$"""
            CREATE TABLE {{_table}} (i int, l bigint, n numeric(18,6), d double precision, r real, b boolean, dt date,
              ts timestamp, tz timestamptz, u uuid, by bytea, t text, j jsonb, ti time, nul text);
            INSERT INTO {{_table}} VALUES (-42, 9007199254740993, 1234.567800, 0.1, 1.5, true, '2024-02-29',
              '2024-02-29 13:45:30.123456', '2024-02-29 13:45:30.5+02', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
              '\x00ff10', E'quote " comma , newline\n ünï', '{"a": [1, 2]}', '23:59:58.5', NULL);
            """);

        await using var reader = await _factory.OpenQueryAsync(Query($"SELECT * FROM {_table}"), TestContext.Current.CancellationToken);
        var row = Assert.Single(await Records.ReadAllAsync(reader));

        Assert.Equal(["i", "l", "n", "d", "r", "b", "dt", "ts", "tz", "u", "by", "t", "j", "ti", "nul"], reader.Fields);
        Assert.Equal("-42", row["i"]);
        Assert.Equal("9007199254740993", row["l"]);
        Assert.Equal("1234.567800", row["n"]);
        Assert.Equal("0.1", row["d"]);
        Assert.Equal("1.5", row["r"]);
        Assert.Equal("true", row["b"]);
        Assert.Equal("2024-02-29", row["dt"]);
        Assert.Equal("2024-02-29T13:45:30.1234560", row["ts"]);
        Assert.Equal("2024-02-29T11:45:30.5000000Z", row["tz"]);
        Assert.Equal("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", row["u"]);
        Assert.Equal(Convert.ToBase64String([0x00, 0xff, 0x10]), row["by"]);
        Assert.Equal("quote \" comma , newline\n ünï", row["t"]);
        Assert.Equal("""{"a": [1, 2]}""", row["j"]);
        Assert.Equal("23:59:58.5", row["ti"]);
        Assert.Null(row["nul"]);
    }

    [Fact]
    public async Task Parameters_from_the_definition_filter_the_rows()
    {
        await ExecuteAsync($"CREATE TABLE {_table} (id int, region text); INSERT INTO {_table} SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END FROM generate_series(1, 10) g;");

        await using var reader = await _factory.OpenQueryAsync(
            Query($"SELECT id FROM {_table} WHERE id > @min AND region = @region ORDER BY id",
                new() { ["min"] = 4, ["region"] = "eu" }), TestContext.Current.CancellationToken);

        Assert.Equal(["6", "8", "10"], (await Records.ReadAllAsync(reader)).Select(r => r["id"]));
    }

    [Fact]
    public async Task Fields_bind_case_insensitively_and_unknown_fields_read_as_null()
    {
        await using var reader = await _factory.OpenQueryAsync(Query("SELECT 1 AS orderid"), TestContext.Current.CancellationToken);
        var known = reader.Bind("OrderId");
        var unknown = reader.Bind("missing");

        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("1", reader.GetValue(known));
        Assert.Null(reader.GetValue(unknown));
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Origin_names_provider_server_and_database_but_no_credentials()
    {
        var withPassword = postgres.ConnectionString + ";Password=hunter2";

        await using var reader = await _factory.OpenQueryAsync(Query("SELECT 1") with { ConnectionString = withPassword },
            TestContext.Current.CancellationToken);

        Assert.StartsWith("query on PostgreSql ", reader.Origin, StringComparison.Ordinal);
        Assert.Contains($"{postgres.Port}/postgres", reader.Origin, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", reader.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_query_fails_as_a_data_error_naming_the_source()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() =>
            _factory.OpenQueryAsync(Query($"SELECT nope FROM {_table}"), TestContext.Current.CancellationToken));

        Assert.StartsWith("query on PostgreSql", error.Origin, StringComparison.Ordinal);
        Assert.Contains(_table, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_timeout_applies()
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var reader = await _factory.OpenQueryAsync(
                Query("SELECT pg_sleep(30)") with { CommandTimeoutSeconds = 1 }, TestContext.Current.CancellationToken);
            await reader.ReadAsync(TestContext.Current.CancellationToken);
        });

        Assert.IsType<NpgsqlException>(error, exactMatch: false);
        Assert.IsType<TimeoutException>(error.InnerException);
    }
}
