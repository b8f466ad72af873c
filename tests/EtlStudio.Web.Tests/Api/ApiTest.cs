using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EtlStudio.Web.Security;

namespace EtlStudio.Web.Tests.Api;

/// <summary>A fresh app and database per test, and the requests the tests build on.</summary>
public abstract class ApiTest : IAsyncLifetime
{
    protected ApiTest(bool fakeLauncher = true)
    {
        Host = new ApiHost(fakeLauncher);
        Admin = Host.Client(Roles.Admin);
    }

    protected ApiHost Host { get; }

    /// <summary>Signed in with every right.</summary>
    protected HttpClient Admin { get; }

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? new JsonObject();
    }

    protected async Task<JsonNode> PostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await ReadAsync(await Admin.PostAsJsonAsync(url, body, Ct), expected);

    protected async Task<JsonNode> PutAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Admin.PutAsJsonAsync(url, body, Ct), expected);

    protected async Task<JsonNode> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Admin.GetAsync(url, Ct), expected);

    /// <summary>The field keys of a 400 validation problem.</summary>
    protected static string[] ErrorKeys(JsonNode problem) => [.. problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];

    protected static string Error(JsonNode problem, string key) => problem["errors"]![key]![0]!.GetValue<string>();

    protected static object Group(string name = "Nightly", string cron = "0 2 * * *") =>
        new { name, description = "Loads overnight", cron, timeZone = "Europe/Amsterdam", enabled = true, maxParallelFlows = 2 };

    protected async Task<int> CreateGroupAsync(string name = "Nightly") => (await PostAsync("/api/groups", Group(name)))["id"]!.GetValue<int>();

    protected async Task<int> CreateConnectionAsync(string name, string kind, object settings, string? secret = null) =>
        (await PostAsync("/api/connections", new { name, kind, settings, secret }))["id"]!.GetValue<int>();

    /// <summary>Source folder "Inbox" and SQLite warehouse "Warehouse".</summary>
    protected async Task<(int Source, int Destination)> CreateConnectionsAsync() =>
        (await CreateConnectionAsync("Inbox", "LocalFolder", new { path = "in" }),
         await CreateConnectionAsync("Warehouse", "Sqlite", new { dataSource = "dw.db" }, secret: "not-used-but-kept"));

    protected static object Flow(int groupId, int source, int destination, string name = "Orders", string table = "main.orders", string? topic = null) => new
    {
        groupId, name, sourceConnectionId = source, sourcePath = topic is null ? "orders/*.csv" : null, sourceTopic = topic,
        parse = new { format = "Csv", delimiter = ";", hasHeader = true, encoding = "utf-8" },
        destinationConnectionId = destination, destinationTable = table, loadMode = "Upsert", keyColumns = new[] { "order_id" },
        rejectThresholdPercent = 5.0,
        columns = new object[]
        {
            new { sourceField = "id", targetColumn = "order_id", targetType = "Long", required = true },
            new { sourceField = "amount", targetColumn = "amount", targetType = "Decimal", precision = 18, scale = 2, culture = "nl-NL" },
            new { targetColumn = "loaded_at", targetType = "DateTime", derived = "LoadTime" },
        },
    };

    protected async Task<int> CreateFlowAsync(int groupId, int source, int destination, string name = "Orders", string? topic = null) =>
        (await PostAsync("/api/flows", Flow(groupId, source, destination, name, topic: topic)))["id"]!.GetValue<int>();
}
