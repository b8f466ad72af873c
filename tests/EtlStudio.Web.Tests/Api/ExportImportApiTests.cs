using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests.Api;

public sealed class ExportImportApiTests : ApiTest
{
    private const string Secret = "warehouse-Pa55";

    /// <summary>A group with a file flow, a Kafka-fed flow and its trigger, on connections whose secret is set.</summary>
    private async Task<int> ArrangeAsync()
    {
        var group = await CreateGroupAsync("Nightly");
        var inbox = await CreateConnectionAsync("Inbox", "LocalFolder", new { path = "in" });
        var warehouse = await CreateConnectionAsync("Warehouse", "PostgreSql", new { host = "db", database = "dw", username = "etl" }, Secret);
        var broker = await CreateConnectionAsync("Broker", "Kafka", new { bootstrapServers = "kafka:9092" }, Secret);
        await CreateFlowAsync(group, inbox, warehouse, "Orders");
        var events = await CreateFlowAsync(group, broker, warehouse, "Events", topic: "events");
        await PostAsync("/api/triggers", new { connectionId = broker, topic = "events", consumerGroup = "etl-events", flowId = events, batchSize = 200, deadLetterTopic = "events.dlq" });
        return group;
    }

    [Fact]
    public async Task Export_then_import_into_a_fresh_database_reproduces_the_group()
    {
        var group = await ArrangeAsync();
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            await db.Flows.Where(f => f.Name == "Orders").ExecuteUpdateAsync(u => u.SetProperty(f => f.LoadParallelism, 5), Ct);
        }
        var exported = await GetAsync($"/api/groups/{group}/export");
        await using var fresh = new ApiHost();
        using var admin = fresh.Client();
        foreach (var (name, kind, settings) in new (string, string, object)[]
        {
            ("Inbox", "LocalFolder", new { path = "elsewhere" }),
            ("Warehouse", "PostgreSql", new { host = "db-b", database = "dw", username = "etl" }),
            ("Broker", "Kafka", new { bootstrapServers = "kafka-b:9092" }),
        })
        {
            await ReadAsync(await admin.PostAsJsonAsync("/api/connections", new { name, kind, settings }, Ct), HttpStatusCode.Created);
        }

        var response = await admin.PostAsJsonAsync("/api/groups/import", exported, Ct);
        var imported = await ReadAsync(response, HttpStatusCode.Created);
        var reexported = await ReadAsync(await admin.GetAsync($"/api/groups/{imported["id"]}/export", Ct), HttpStatusCode.OK);

        Assert.Equal(2, imported["flowCount"]!.GetValue<int>());
        Assert.Equal(exported.ToJsonString(), reexported.ToJsonString());
        Assert.Equal("events.dlq", reexported["flows"]![1]!["triggers"]![0]!["definition"]!["deadLetterTopic"]!.GetValue<string>());
        Assert.Equal(3, reexported["flows"]![0]!["definition"]!["columns"]!.AsArray().Count);
        Assert.Equal(5, reexported["flows"]![0]!["definition"]!["loadParallelism"]!.GetValue<int>());
    }

    [Fact]
    public async Task Export_names_connections_and_never_carries_secrets_or_ids()
    {
        var group = await ArrangeAsync();

        var text = await (await Admin.GetAsync($"/api/groups/{group}/export", Ct)).Content.ReadAsStringAsync(Ct);
        var flow = JsonNode.Parse(text)!["flows"]![0]!;

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSecretProtector.Prefix, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionId", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Inbox", flow["sourceConnection"]!.GetValue<string>());
        Assert.Equal("Warehouse", flow["destinationConnection"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_refuses_unknown_connection_names_and_says_which()
    {
        var group = await ArrangeAsync();
        var exported = await GetAsync($"/api/groups/{group}/export");
        exported["group"]!["name"] = "Nightly copy";
        exported["flows"]![0]!["destinationConnection"] = "Lakehouse";
        exported["flows"]![1]!["triggers"]![0]!["connection"] = "Nowhere";

        var problem = await PostAsync("/api/groups/import", exported, HttpStatusCode.BadRequest);

        Assert.Equal(["flows[0].destinationConnection", "flows[1].triggers[0].connection"], ErrorKeys(problem));
        Assert.Contains("No connection named 'Lakehouse'", Error(problem, "flows[0].destinationConnection"));
        Assert.Single((await GetAsync("/api/groups")).AsArray());
    }

    [Fact]
    public async Task Import_validates_like_the_editors_and_lists_every_problem()
    {
        var group = await ArrangeAsync();
        var exported = await GetAsync($"/api/groups/{group}/export");
        exported["group"]!["name"] = "Copy";
        exported["group"]!["cron"] = "0 0 31 2 *";
        exported["flows"]![0]!["definition"]!["destinationTable"] = "x;y";
        exported["flows"]![1]!["definition"]!["name"] = "orders";
        exported["flows"]![1]!["triggers"]![0]!["definition"]!["batchSize"] = 0;
        exported["flows"]![1]!["triggers"]!.AsArray().Add(exported["flows"]![1]!["triggers"]![0]!.DeepClone());

        var problem = await PostAsync("/api/groups/import", exported, HttpStatusCode.BadRequest);

        Assert.Equal(
            ["flows[0].definition.destinationTable", "flows[1].definition.name", "flows[1].triggers[0].definition.batchSize",
             "flows[1].triggers[1].definition.batchSize", "flows[1].triggers[1].definition.topic", "group.cron"],
            ErrorKeys(problem));
    }

    [Fact]
    public async Task Import_under_a_taken_group_name_is_a_conflict_that_names_it()
    {
        var group = await ArrangeAsync();
        var exported = await GetAsync($"/api/groups/{group}/export");

        var problem = await PostAsync("/api/groups/import", exported, HttpStatusCode.Conflict);

        Assert.Equal("A group named 'Nightly' already exists.", problem["detail"]!.GetValue<string>());
    }
}
