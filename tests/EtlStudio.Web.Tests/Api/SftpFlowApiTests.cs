using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EtlStudio.Testing;
using Npgsql;

namespace EtlStudio.Web.Tests.Api;

/// <summary>An SFTP flow through the REST API and the real runtime, into PostgreSQL: files on a real OpenSSH server, a
/// key with a passphrase as the secret, every cell checked; a wrong pinned key fails the run with nothing loaded.</summary>
public sealed class SftpFlowApiTests(PostgresServer postgres, SshServer ssh) : ApiTest(fakeLauncher: false)
{
    [Fact]
    public async Task An_sftp_flow_loads_every_matching_file_into_PostgreSQL_and_each_row_names_its_sftp_file()
    {
        var (flow, folder, database) = await CreateFlowAsync(ssh.HostKeyFingerprint);

        var run = await RunAsync(flow);

        Assert.Equal("Succeeded", run["status"]!.GetValue<string>());
        Assert.Equal((5L, 5L), (run["rowsRead"]!.GetValue<long>(), run["rowsWritten"]!.GetValue<long>()));
        var file = (string name) => $"sftp://127.0.0.1:{ssh.Port}{ssh.Home}/{folder}/orders/{name}";
        Assert.Equal([
            (1L, 10.50m, file("2026-11-01.csv")), (2L, 20.00m, file("2026-11-01.csv")), (3L, -3.25m, file("2026-11-01.csv")),
            (4L, 1234.56m, file("2026-11-02.csv")), (5L, 0.01m, file("2026-11-02.csv")),
        ], await RowsAsync(database));
    }

    [Fact]
    public async Task A_run_against_a_server_presenting_another_host_key_fails_naming_both_keys_and_loads_nothing()
    {
        var pinned = "SHA256:" + new string('C', 43);
        var (flow, _, database) = await CreateFlowAsync(pinned);

        var run = await RunAsync(flow);

        Assert.Equal("Failed", run["status"]!.GetValue<string>());
        Assert.Contains($"presented host key {ssh.HostKeyFingerprint}, but {pinned} is pinned", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(database));
    }

    [Fact]
    public async Task Delete_after_a_successful_load_removes_exactly_the_files_the_run_read()
    {
        var (flow, folder, database) = await CreateFlowAsync(ssh.HostKeyFingerprint, afterLoad: "Delete");

        var run = await RunAsync(flow);

        Assert.Equal("Succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(5, (await RowsAsync(database)).Count);
        Assert.Equal(["orders/notes.txt"], FilesUnder(folder));
        Assert.Contains("Information: After the load: 2 of 2 file(s) deleted.", await LogAsync(run["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task Move_after_a_successful_load_creates_the_folder_and_a_name_taken_there_gets_a_timestamp_suffix_with_a_warning()
    {
        var (flow, folder, _) = await CreateFlowAsync(ssh.HostKeyFingerprint, afterLoad: "Move", afterLoadFolder: "done/2026");
        await ssh.WriteFileAsync($"{folder}/done/2026/2026-11-02.csv", "an older file of the same name");

        var run = await RunAsync(flow);

        Assert.Equal("Succeeded", run["status"]!.GetValue<string>());
        var files = FilesUnder(folder);
        var suffixed = Assert.Single(files, f => f.StartsWith("done/2026/2026-11-02-", StringComparison.Ordinal));
        Assert.Matches(@"^done/2026/2026-11-02-\d{8}-\d{6}\.csv$", suffixed);
        Assert.Equal(["done/2026/2026-11-01.csv", suffixed, "done/2026/2026-11-02.csv", "orders/notes.txt"], files);
        Assert.Equal("an older file of the same name", File.ReadAllText(Path.Combine(ssh.Home, folder, "done/2026/2026-11-02.csv")));
        Assert.Equal("id;amount\n4;1234,56\n5;0,01\n", File.ReadAllText(Path.Combine(ssh.Home, folder, suffixed)));
        var log = await LogAsync(run["id"]!.GetValue<Guid>());
        Assert.Contains(log, l => l.StartsWith("Warning: After the load: ", StringComparison.Ordinal) && l.Contains($"/{suffixed} instead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_failed_by_the_reject_threshold_leaves_every_file_on_the_server()
    {
        var (flow, folder, database) = await CreateFlowAsync(ssh.HostKeyFingerprint, afterLoad: "Delete", rejectThresholdCount: 0);
        await ssh.WriteFileAsync($"{folder}/orders/2026-11-03.csv", "id;amount\n6;not a number\n");

        var run = await RunAsync(flow);

        Assert.Equal("Failed", run["status"]!.GetValue<string>());
        Assert.Empty(await RowsAsync(database));
        Assert.Equal(["orders/2026-11-01.csv", "orders/2026-11-02.csv", "orders/2026-11-03.csv", "orders/notes.txt"], FilesUnder(folder));
    }

    [Fact]
    public async Task The_after_load_setting_round_trips_through_the_api_and_a_move_without_a_folder_is_refused()
    {
        var (flow, _, _) = await CreateFlowAsync(ssh.HostKeyFingerprint, afterLoad: "Move", afterLoadFolder: "/srv/archive");

        var stored = await GetAsync($"/api/flows/{flow}");

        Assert.Equal(("Move", "/srv/archive"), (stored["afterLoad"]!.GetValue<string>(), stored["afterLoadFolder"]!.GetValue<string>()));
        var edited = stored.AsObject();
        edited["afterLoadFolder"] = " ";
        var problem = await ReadAsync(await Admin.PutAsJsonAsync($"/api/flows/{flow}", edited, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("Enter the folder to move the files to, e.g. done or /archive/orders.", Error(problem, "afterLoadFolder"));
    }

    private async Task<(int Flow, string Folder, string Database)> CreateFlowAsync(string fingerprint, string afterLoad = "Keep", string? afterLoadFolder = null,
        long? rejectThresholdCount = null)
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/orders/2026-11-01.csv", "id;amount\n1;10,50\n2;20\n3;-3,25\n");
        await ssh.WriteFileAsync($"{folder}/orders/2026-11-02.csv", "id;amount\n4;1234,56\n5;0,01\n");
        await ssh.WriteFileAsync($"{folder}/orders/notes.txt", "not a csv");
        var database = await postgres.CreateDatabaseAsync("sftp");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand("CREATE TABLE orders (order_id int8 PRIMARY KEY, amount numeric(18,2), source_file text NOT NULL)", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }
        var secret = JsonSerializer.Serialize(new { privateKey = ssh.EncryptedPrivateKey, passphrase = ssh.KeyPassphrase });
        var source = await CreateConnectionAsync("Partner", "Sftp",
            new { host = "127.0.0.1", port = ssh.Port, username = ssh.User, folder, hostKeyFingerprint = fingerprint, signIn = "PrivateKey" }, secret);
        var builder = new NpgsqlConnectionStringBuilder(database);
        var destination = await CreateConnectionAsync("Warehouse", "PostgreSql",
            new { host = "127.0.0.1", port = postgres.Port, database = builder.Database, username = "postgres", sslMode = "Disable" });
        var group = await CreateGroupAsync();
        var flow = await PostAsync("/api/flows", new
        {
            groupId = group, name = "Partner orders", sourceConnectionId = source, sourcePath = "orders/*.csv",
            parse = new { format = "Csv", delimiter = ";", hasHeader = true, encoding = "utf-8" },
            destinationConnectionId = destination, destinationTable = "orders", loadMode = "Append", afterLoad, afterLoadFolder, rejectThresholdCount,
            columns = new object[]
            {
                new { sourceField = "id", targetColumn = "order_id", targetType = "Long", required = true },
                new { sourceField = "amount", targetColumn = "amount", targetType = "Decimal", precision = 18, scale = 2, culture = "nl-NL" },
                new { targetColumn = "source_file", targetType = "String", derived = "SourceName" },
            },
        });
        return (flow["id"]!.GetValue<int>(), folder, database);
    }

    private async Task<List<string>> LogAsync(Guid runId)
    {
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        return [.. db.RunLogs.Where(l => l.RunId == runId).OrderBy(l => l.Id).Select(l => l.Level + ": " + l.Message)];
    }

    private string[] FilesUnder(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(ssh.Home, folder), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(ssh.Home, folder), f)).Order(StringComparer.Ordinal)];

    private async Task<JsonNode> RunAsync(int flow)
    {
        var runId = (await ReadAsync(await Admin.PostAsync($"/api/flows/{flow}/run", null, Ct), HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await GetAsync($"/api/runs/{runId}");
            if (run["status"]!.GetValue<string>() is not ("Queued" or "Running")) return run;
            Assert.True(DateTime.UtcNow < deadline, $"run {runId} still {run["status"]} after 60 s");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<List<(long, decimal, string)>> RowsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT order_id, amount, source_file FROM orders ORDER BY order_id", connection);
        await using var reader = await query.ExecuteReaderAsync(Ct);
        var rows = new List<(long, decimal, string)>();
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetInt64(0), reader.GetDecimal(1), reader.GetString(2)));
        return rows;
    }
}
