using System.Net;
using EtlStudio.Web.Security;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Web.Tests.Api;

/// <summary><c>POST /api/flows/{id}/dry-run</c> over the real engine: CSV files in a folder into a SQLite file.</summary>
public sealed class DryRunApiTests : ApiTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-dry-run-api.").FullName;

    private string Warehouse => Path.Combine(_folder, "dw.db");

    [Fact]
    public async Task Dry_run_answers_the_counts_and_first_rejects_and_leaves_the_destination_and_the_history_unchanged()
    {
        var id = await CreateUpsertFlowAsync();

        var report = await ReadAsync(await Admin.PostAsync($"/api/flows/{id}/dry-run", null, Ct), HttpStatusCode.OK);

        Assert.True(report["succeeded"]!.GetValue<bool>(), report.ToJsonString());
        Assert.Equal((5L, 2L, 2L, 1L), (report["rowsRead"]!.GetValue<long>(), report["wouldInsert"]!.GetValue<long>(),
            report["wouldUpdate"]!.GetValue<long>(), report["rowsRejected"]!.GetValue<long>()));
        var reject = Assert.Single(report["rejects"]!.AsArray())!;
        Assert.Equal((5L, "id", "bad"), (reject["rowNumber"]!.GetValue<long>(), reject["column"]!.GetValue<string>(), reject["value"]!.GetValue<string>()));
        Assert.Null(report["error"]);
        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c")], await TableAsync());
        Assert.Equal(0, (await GetAsync("/api/runs"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dry_run_of_a_flow_whose_table_is_missing_is_a_200_that_says_why()
    {
        var id = await CreateUpsertFlowAsync(table: "missing");

        var report = await ReadAsync(await Admin.PostAsync($"/api/flows/{id}/dry-run", null, Ct), HttpStatusCode.OK);

        Assert.False(report["succeeded"]!.GetValue<bool>());
        Assert.Contains("missing", report["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_needs_the_Run_policy_and_an_existing_flow()
    {
        var id = await CreateUpsertFlowAsync();
        using var viewer = Host.Client(Roles.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/flows/{id}/dry-run", null, Ct)).StatusCode);
        await ReadAsync(await Admin.PostAsync("/api/flows/9999/dry-run", null, Ct), HttpStatusCode.NotFound);
        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c")], await TableAsync());
    }

    private async Task<int> CreateUpsertFlowAsync(string table = "items")
    {
        var input = Directory.CreateDirectory(Path.Combine(_folder, "in")).FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "a.csv"), "id,name\n2,b2\n3,c3\n4,d\n5,e\nbad,x\n", Ct);
        await ExecuteAsync("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c');");
        var group = await CreateGroupAsync();
        var source = await CreateConnectionAsync("Inbox", "LocalFolder", new { path = input });
        var destination = await CreateConnectionAsync("Warehouse", "Sqlite", new { dataSource = Warehouse });
        var flow = new
        {
            groupId = group, name = "Items", sourceConnectionId = source, sourcePath = "*.csv",
            parse = new { format = "Csv", delimiter = ",", hasHeader = true, encoding = "utf-8" },
            destinationConnectionId = destination, destinationTable = table, loadMode = "Upsert", keyColumns = new[] { "id" },
            columns = new object[]
            {
                new { sourceField = "id", targetColumn = "id", targetType = "Int", required = true },
                new { sourceField = "name", targetColumn = "name", targetType = "String" },
            },
        };
        return (await PostAsync("/api/flows", flow))["id"]!.GetValue<int>();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Warehouse};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<List<(long, string)>> TableAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Warehouse};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name FROM items ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
