using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EtlStudio.Benchmarks.Csv;
using Npgsql;

namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>What a script does against the REST API: connections and flows, Run now, and following the run to its end:
/// by default with run reads that wait for the end (<c>?waitSeconds=</c>), or, given <paramref name="pollInterval"/>,
/// by plain reads at that pace.</summary>
internal sealed partial class EtlApiClient(Uri baseAddress, string apiKey, TimeSpan? pollInterval = null) : IDisposable
{
    /// <summary>What a waiting read asks for; the API's longest.</summary>
    private const int WaitSeconds = 60;

    private readonly HttpClient _http = Create(baseAddress, apiKey);

    /// <summary>How the client follows a run, for the benchmark's legend.</summary>
    public static string Following(TimeSpan? pollInterval) => pollInterval is { } poll
        ? $"the poll (every {poll.TotalMilliseconds:N0} ms) saw it end"
        : $"the run read waiting for the end (GET /api/runs/{{id}}?waitSeconds={WaitSeconds}) answered";

    private static HttpClient Create(Uri baseAddress, string apiKey)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    public async Task<int> CreateGroupAsync(CancellationToken cancellationToken) =>
        await PostForIdAsync("api/groups", new { name = "Benchmark", description = "e2e benchmark", cron = "0 3 1 1 *", timeZone = "UTC", enabled = true, maxParallelFlows = 1 }, cancellationToken);

    public async Task<int> CreateFolderAsync(string folder, CancellationToken cancellationToken) =>
        await PostForIdAsync("api/connections", new { name = "Inbox", kind = "LocalFolder", settings = new { path = folder } }, cancellationToken);

    public async Task<int> CreatePostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return await PostForIdAsync("api/connections", new
        {
            name = "Warehouse", kind = "PostgreSql",
            settings = new { host = b.Host, database = b.Database, username = b.Username, port = b.Port, sslMode = "Disable" }, secret = "trust",
        }, cancellationToken);
    }

    /// <summary>A flow reading <paramref name="pattern"/> from the folder into <paramref name="table"/> with the csv
    /// benchmark's mapping (every field renamed and converted), Append.</summary>
    public Task<int> CreateFlowAsync(int group, int source, int destination, string name, string pattern, string table, bool staging, CancellationToken cancellationToken) =>
        CreateFlowAsync(group, source, destination, name, pattern, table, staging, 0, cancellationToken);

    /// <summary>As above; <paramref name="partitionsInFlight"/> above 1 runs it as partitions (README, "Partitioned runs").</summary>
    public async Task<int> CreateFlowAsync(int group, int source, int destination, string name, string pattern, string table, bool staging,
        int partitionsInFlight, CancellationToken cancellationToken) =>
        await PostForIdAsync("api/flows", new
        {
            groupId = group, name, sourceConnectionId = source, sourcePath = pattern,
            parse = new { format = "Csv", delimiter = ",", hasHeader = true, encoding = "utf-8" },
            destinationConnectionId = destination, destinationTable = table, loadMode = "Append", stagingEnabled = staging, partitionsInFlight,
            columns = BenchmarkTables.Mapping.Select(m => new
            {
                sourceField = m.SourceField, targetColumn = m.TargetColumn, targetType = m.Type.ToString(), precision = m.Precision, scale = m.Scale,
                required = m.Required, trim = m.Trim,
            }).ToArray(),
        }, cancellationToken);

    /// <summary>Presses Run now and follows the run until it ends.</summary>
    public async Task<RunTiming> RunAsync(int flow, CancellationToken cancellationToken)
    {
        var pressed = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsync($"api/flows/{flow}/run", null, cancellationToken);
        var accepted = await ReadAsync(response, cancellationToken);
        var runId = accepted["runId"]!.GetValue<Guid>();
        for (var polls = 1; ; polls++)
        {
            using var poll = await _http.GetAsync(pollInterval is null ? $"api/runs/{runId}?waitSeconds={WaitSeconds}" : $"api/runs/{runId}", cancellationToken);
            var run = await ReadAsync(poll, cancellationToken);
            var status = run["status"]!.GetValue<string>();
            if (status is not ("Queued" or "Running"))
            {
                var wall = Stopwatch.GetElapsedTime(pressed).TotalSeconds;
                if (status != "Succeeded") throw new InvalidOperationException($"run {runId} ended {status}: {run["error"]}");
                DateTime At(string field) => run[field]!.GetValue<DateTime>();
                return new RunTiming(wall, (At("startedUtc") - At("queuedUtc")).TotalSeconds, (At("endedUtc") - At("startedUtc")).TotalSeconds, run["rowsWritten"]!.GetValue<long>(), runId, polls);
            }
            if (pollInterval is { } pause) await Task.Delay(pause, cancellationToken);
        }
    }

    /// <summary>Reads (ended) run <paramref name="runId"/> <paramref name="polls"/> times, <paramref name="pause"/> apart.</summary>
    public async Task PollAsync(Guid runId, int polls, TimeSpan pause, CancellationToken cancellationToken)
    {
        for (var i = 0; i < polls; i++)
        {
            using var poll = await _http.GetAsync($"api/runs/{runId}", cancellationToken);
            await ReadAsync(poll, cancellationToken);
            await Task.Delay(pause, cancellationToken);
        }
    }

    private async Task<int> PostForIdAsync(string url, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(url, body, cancellationToken);
        return (await ReadAsync(response, cancellationToken))["id"]!.GetValue<int>();
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One Run now: wall from the press until a run read showed it ended, queued→started and started→ended as the
/// run records them; <paramref name="Polls"/> is how many run reads that took.</summary>
internal sealed record RunTiming(double WallSeconds, double PickupSeconds, double RunSeconds, long RowsWritten, Guid RunId, int Polls);
