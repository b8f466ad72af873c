using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EtlStudio.Web.Api;
using EtlStudio.Web.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Api;

public sealed class TriggerApiTests : ApiTest
{
    private async Task<(int Kafka, int Flow)> ArrangeAsync()
    {
        var group = await CreateGroupAsync();
        var kafka = await CreateConnectionAsync("Broker", "Kafka", new { bootstrapServers = "localhost:9092" });
        var (_, destination) = await CreateConnectionsAsync();
        return (kafka, await CreateFlowAsync(group, kafka, destination, topic: "orders"));
    }

    [Fact]
    public async Task Trigger_round_trips_through_create_get_update_list_and_delete()
    {
        var (kafka, flow) = await ArrangeAsync();

        var created = await PostAsync("/api/triggers", new { connectionId = kafka, topic = "orders", consumerGroup = "etl-orders", flowId = flow, batchSize = 500, deadLetterTopic = "orders.dlq" });
        var id = created["id"]!.GetValue<int>();
        Assert.Equal(1000, created["batchWindowMs"]!.GetValue<int>());
        Assert.Equal(4, created["maxParallelPartitions"]!.GetValue<int>());

        var updated = await PutAsync($"/api/triggers/{id}",
            new { connectionId = kafka, topic = "orders-v2", consumerGroup = "etl-orders", flowId = flow, batchSize = 50, batchWindowMs = 200, enabled = false, maxParallelPartitions = 8 });
        Assert.Equal("orders-v2", updated["topic"]!.GetValue<string>());
        Assert.Equal(8, updated["maxParallelPartitions"]!.GetValue<int>());
        Assert.Null(updated["deadLetterTopic"]);
        Assert.False(updated["enabled"]!.GetValue<bool>());

        var list = await GetAsync($"/api/triggers?flowId={flow}");
        Assert.Equal(50, Assert.Single(list.AsArray())!["batchSize"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/triggers/{id}", Ct)).StatusCode);
        await GetAsync($"/api/triggers/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_trigger_lists_every_field_problem()
    {
        var (source, _) = await CreateConnectionsAsync();

        var problem = await PostAsync("/api/triggers",
            new { connectionId = source, topic = "bad topic!", consumerGroup = " ", flowId = 404, batchSize = 0, batchWindowMs = -1, maxParallelPartitions = 65 }, HttpStatusCode.BadRequest);

        Assert.Equal(["batchSize", "batchWindowMs", "connectionId", "consumerGroup", "flowId", "maxParallelPartitions", "topic"], ErrorKeys(problem));
        Assert.Equal("Between 1 and 64 partitions.", Error(problem, "maxParallelPartitions"));
        Assert.Contains("Kafka connection", Error(problem, "connectionId"));
    }

    [Fact]
    public async Task Second_trigger_for_the_same_flow_topic_and_group_is_a_conflict()
    {
        var (kafka, flow) = await ArrangeAsync();
        var body = new { connectionId = kafka, topic = "orders", consumerGroup = "etl", flowId = flow };
        await PostAsync("/api/triggers", body);

        var problem = await PostAsync("/api/triggers", body, HttpStatusCode.Conflict);

        Assert.Contains("topic 'orders' with consumer group 'etl'", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_trigger_id_is_404()
    {
        var (kafka, flow) = await ArrangeAsync();

        await PutAsync("/api/triggers/5", new { connectionId = kafka, topic = "orders", consumerGroup = "etl", flowId = flow }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync("/api/triggers/5", Ct)).StatusCode);
    }

    public static TheoryData<string, string> InvalidTriggers => new()
    {
        { "not Kafka", """{"connectionId":"SOURCE","topic":"orders","consumerGroup":"etl","flowId":"FLOW"}""" },
        { "bad names", """{"connectionId":"KAFKA","topic":"bad topic!","consumerGroup":" ","flowId":"FLOW","deadLetterTopic":"bad dlq!"}""" },
        { "dead letter = topic", """{"connectionId":"KAFKA","topic":"orders","consumerGroup":"etl","flowId":"FLOW","deadLetterTopic":" orders "}""" },
        { "bounds", """{"connectionId":"KAFKA","topic":"orders","consumerGroup":"etl","flowId":"FLOW","batchSize":1000001,"batchWindowMs":0}""" },
        { "missing ids", """{"topic":"orders","consumerGroup":"etl"}""" },
        { "unknown ids", """{"connectionId":9999,"topic":"orders","consumerGroup":"etl","flowId":9999}""" },
        { "long group", $$"""{"connectionId":"KAFKA","topic":"orders","consumerGroup":"{{new string('g', 300)}}","flowId":"FLOW"}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidTriggers))]
    public async Task The_portal_and_the_API_refuse_the_same_invalid_trigger_with_the_same_messages(string why, string json)
    {
        var (kafka, flow) = await ArrangeAsync();
        var source = (await GetAsync("/api/connections")).AsArray().Single(c => c!["name"]!.GetValue<string>() == "Inbox")!["id"]!.GetValue<int>();
        json = json.Replace("\"KAFKA\"", kafka.ToString(CultureInfo.InvariantCulture)).Replace("\"FLOW\"", flow.ToString(CultureInfo.InvariantCulture))
            .Replace("\"SOURCE\"", source.ToString(CultureInfo.InvariantCulture));
        var input = JsonSerializer.Deserialize<TriggerInput>(json, JsonSerializerOptions.Web)!;

        var api = await PostAsync("/api/triggers", JsonNode.Parse(json)!, HttpStatusCode.BadRequest);
        await using var scope = Host.Services.CreateAsyncScope();
        var portal = await scope.ServiceProvider.GetRequiredService<TriggerService>().SaveAsync(input.ToForm(0), Ct);

        var apiErrors = api["errors"]!.AsObject().ToDictionary(e => e.Key, e => string.Join(" ", e.Value!.AsArray().Select(m => m!.GetValue<string>())));
        Assert.True(portal.Errors.Count > 0, why);
        Assert.Equal(portal.Errors.ToDictionary(e => ApiResults.JsonPath(e.Key), e => e.Value).OrderBy(e => e.Key), apiErrors.OrderBy(e => e.Key));
    }
}
