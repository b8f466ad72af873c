using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EtlStudio.Testing;
using Npgsql;

namespace EtlStudio.Web.Tests.Api;

/// <summary>A flow saved through the REST API reads a .csv.gz and a .zip of two CSV files from a local folder into
/// PostgreSQL, run by the real launcher: every row lands, and the reject names the archive entry it came from.</summary>
public sealed class CompressedFileApiTests(PostgresServer postgres) : ApiTest(fakeLauncher: false)
{
    private readonly DirectoryInfo _inbox = Directory.CreateTempSubdirectory("etl-api-compressed-");

    private static string Csv(int from, int to) =>
        "id;name\n" + string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"{i};name {i}\n"));

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private static byte[] Zip(params (string Path, string Text)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in entries)
            {
                using var entry = zip.CreateEntry(path).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return output.ToArray();
    }

    [Fact]
    public async Task A_flow_saved_through_the_api_loads_a_csv_gz_and_the_csv_entries_of_a_zip_into_postgresql()
    {
        File.WriteAllBytes(Path.Combine(_inbox.FullName, "a.csv.gz"), Gzip(Csv(1, 30)));
        File.WriteAllBytes(Path.Combine(_inbox.FullName, "b.zip"), Zip(
            ("export/one.csv", Csv(31, 50)),
            ("export/two.csv", Csv(51, 60).Replace("\n55;name 55\n", "\nfive-five;name 55\n", StringComparison.Ordinal)),
            ("export/readme.txt", "not rows")));
        var target = await postgres.CreateDatabaseAsync("gz");
        var builder = new NpgsqlConnectionStringBuilder(target);
        var group = await CreateGroupAsync();
        var source = await CreateConnectionAsync("Inbox", "LocalFolder", new { path = _inbox.FullName });
        var destination = await CreateConnectionAsync("Warehouse", "PostgreSql",
            new { host = builder.Host, database = builder.Database, username = builder.Username, port = builder.Port, sslMode = "Disable" }, secret: "unused");
        var flow = (await PostAsync("/api/flows", new
        {
            groupId = group, name = "Compressed", sourceConnectionId = source, sourcePath = "*",
            parse = new { format = "Csv", delimiter = ";", hasHeader = true, archiveEntries = "export/*.csv" },
            destinationConnectionId = destination, destinationTable = "public.items", loadMode = "Append", createIfMissing = true,
            columns = new object[]
            {
                new { sourceField = "id", targetColumn = "id", targetType = "Int", required = true },
                new { sourceField = "name", targetColumn = "name", targetType = "String" },
                new { targetColumn = "source_file", targetType = "String", derived = "SourceName" },
            },
        }))["id"]!.GetValue<int>();
        var saved = await GetAsync($"/api/flows/{flow}");

        var runId = (await ReadAsync(await Admin.PostAsync($"/api/flows/{flow}/run", null, Ct), HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();
        var run = await WaitForEndAsync(runId);

        Assert.Equal("export/*.csv", saved["parse"]!["archiveEntries"]!.GetValue<string>());
        Assert.Equal("Succeeded", run["status"]!.GetValue<string>());
        Assert.Equal((60L, 59L, 1L), (run["rowsRead"]!.GetValue<long>(), run["rowsWritten"]!.GetValue<long>(), run["rowsRejected"]!.GetValue<long>()));
        var reject = Assert.Single((await GetAsync($"/api/runs/{runId}/rejects"))["items"]!.AsArray())!;
        var zip = Path.Combine(_inbox.FullName, "b.zip");
        Assert.Equal((zip + "!export/two.csv", 5L, "five-five"),
            (reject["origin"]!.GetValue<string>(), reject["rowNumber"]!.GetValue<long>(), reject["value"]!.GetValue<string>()));
        var expected = Enumerable.Range(1, 60).Where(i => i != 55).Select(i => (i, $"name {i}",
            i <= 30 ? Path.Combine(_inbox.FullName, "a.csv.gz") : zip + (i <= 50 ? "!export/one.csv" : "!export/two.csv")));
        Assert.Equal(expected, await RowsAsync(target));
        _inbox.Delete(recursive: true);
    }

    [Theory]
    [InlineData("../*.csv")]
    [InlineData("/etc/*")]
    [InlineData(" ")]
    public async Task An_archive_entry_glob_outside_the_archive_or_empty_is_refused_on_the_field(string entries)
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();

        var problem = await PostAsync("/api/flows", new
        {
            groupId = group, name = "Zipped", sourceConnectionId = source, sourcePath = "*.zip",
            parse = new { format = "Csv", archiveEntries = entries },
            destinationConnectionId = destination, destinationTable = "main.orders", loadMode = "Append",
            columns = new object[] { new { sourceField = "id", targetColumn = "id", targetType = "Int" } },
        }, HttpStatusCode.BadRequest);

        Assert.Equal(["parse.archiveEntries"], ErrorKeys(problem));
    }

    private async Task<JsonNode> WaitForEndAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await GetAsync($"/api/runs/{runId}");
            if (run["status"]!.GetValue<string>() is not ("Queued" or "Running") || DateTime.UtcNow > deadline) return run;
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<List<(int, string, string)>> RowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT id, name, source_file FROM public.items ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(int, string, string)>();
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }
}
