using System.Net;
using EtlStudio.Testing;
using Npgsql;
using ParquetSharp;

namespace EtlStudio.Web.Tests.Api;

/// <summary>A Parquet flow created through the API, run by the real launcher into a real PostgreSQL database.</summary>
public sealed class ParquetFlowApiTests(PostgresServer postgres) : ApiTest(fakeLauncher: false), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-parquet-api.").FullName;

    [Fact]
    public async Task A_Parquet_flow_created_through_the_API_runs_into_PostgreSQL_with_every_cell()
    {
        var database = await postgres.CreateDatabaseAsync("pqapi");
        var builder = new NpgsqlConnectionStringBuilder(database);
        await ExecuteAsync(database, "CREATE TABLE orders (id bigint PRIMARY KEY, city text, amount numeric(12,2), at timestamp)");
        DateTime[] times = [new(2024, 1, 2, 3, 4, 5), new(1999, 12, 31, 23, 59, 59, 500)];
        using (var writer = new ParquetFileWriter(Path.Combine(_folder, "orders.parquet"),
            [new Column<long>("id"), new Column<string>("city"), new Column<decimal?>("amount", LogicalType.Decimal(12, 2)), new Column<DateTime?>("at")]))
        {
            using var group = writer.AppendRowGroup();
            using (var ids = group.NextColumn().LogicalWriter<long>()) ids.WriteBatch([1, 2]);
            using (var cities = group.NextColumn().LogicalWriter<string>()) cities.WriteBatch(["Zürich", null!]);
            using (var amounts = group.NextColumn().LogicalWriter<decimal?>()) amounts.WriteBatch([12.50m, null]);
            using (var at = group.NextColumn().LogicalWriter<DateTime?>()) at.WriteBatch([times[0], times[1]]);
            writer.Close();
        }
        var groupId = await CreateGroupAsync();
        var source = await CreateConnectionAsync("Lake", "LocalFolder", new { path = _folder });
        var destination = await CreateConnectionAsync("Warehouse", "PostgreSql",
            new { host = "127.0.0.1", port = postgres.Port, database = builder.Database, username = "postgres", sslMode = "Disable" }, secret: "trust");
        var flow = await PostAsync("/api/flows", new
        {
            groupId, name = "Lake orders", sourceConnectionId = source, sourcePath = "*.parquet", parse = new { format = "Parquet" },
            destinationConnectionId = destination, destinationTable = "orders", loadMode = "Append",
            columns = new object[]
            {
                new { sourceField = "id", targetColumn = "id", targetType = "Long", required = true },
                new { sourceField = "city", targetColumn = "city", targetType = "String" },
                new { sourceField = "amount", targetColumn = "amount", targetType = "Decimal", precision = 12, scale = 2 },
                new { sourceField = "at", targetColumn = "at", targetType = "DateTime" },
            },
        });
        Assert.Equal("Parquet", (await GetAsync($"/api/flows/{flow["id"]}"))["parse"]!["format"]!.GetValue<string>());

        var runId = (await ReadAsync(await Admin.PostAsync($"/api/flows/{flow["id"]}/run", null, Ct), HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();
        var run = await WaitForEndAsync(runId);

        Assert.Equal("Succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(
            [[1L, "Zürich", 12.50m, times[0]], [2L, null, null, times[1]]],
            await QueryAsync(database, "SELECT id, city, amount, at FROM orders ORDER BY id"));
    }

    private async Task<System.Text.Json.Nodes.JsonNode> WaitForEndAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await GetAsync($"/api/runs/{runId}");
            var status = run["status"]!.GetValue<string>();
            if (status is not ("Queued" or "Running") || DateTime.UtcNow > deadline) return run;
            await Task.Delay(200, Ct);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<object?[]>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
