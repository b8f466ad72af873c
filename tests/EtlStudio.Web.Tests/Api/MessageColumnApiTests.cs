using System.Net;
using System.Text.Json.Nodes;

namespace EtlStudio.Web.Tests.Api;

/// <summary>Message-derived columns (key, header, partition, offset, timestamp) through the flow API: the shared
/// FlowForm rules accept them on a Kafka flow and refuse them, on that column, for any other source.</summary>
public sealed class MessageColumnApiTests : ApiTest
{
    private static JsonNode WithColumns(object flow, params object[] extra)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(flow))!;
        foreach (var column in extra) body["columns"]!.AsArray().Add(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(column)));
        return body;
    }

    [Fact]
    public async Task A_Kafka_flow_keeps_its_message_columns_and_the_header_name()
    {
        var group = await CreateGroupAsync();
        var (_, destination) = await CreateConnectionsAsync();
        var broker = await CreateConnectionAsync("Broker", "Kafka", new { bootstrapServers = "localhost:9092" });
        var body = WithColumns(Flow(group, broker, destination, topic: "orders"),
            new { targetColumn = "msg_key", derived = "MessageKey" },
            new { sourceField = "tenant-id", targetColumn = "tenant", derived = "MessageHeader" },
            new { targetColumn = "msg_offset", targetType = "Long", derived = "MessageOffset" });

        var id = (await PostAsync("/api/flows", body))["id"]!.GetValue<int>();
        var columns = (await GetAsync($"/api/flows/{id}"))["columns"]!.AsArray();

        Assert.Equal(("MessageKey", null), (columns[3]!["derived"]!.GetValue<string>(), columns[3]!["sourceField"]?.GetValue<string>()));
        Assert.Equal(("MessageHeader", "tenant-id"), (columns[4]!["derived"]!.GetValue<string>(), columns[4]!["sourceField"]?.GetValue<string>()));
        Assert.Equal("MessageOffset", columns[5]!["derived"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_column_on_a_CSV_flow_is_refused_on_that_column()
    {
        var group = await CreateGroupAsync();
        var (folder, destination) = await CreateConnectionsAsync();
        var body = WithColumns(Flow(group, folder, destination), new { targetColumn = "msg_key", derived = "MessageKey" });

        var problem = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.Equal(["columns[3].derived"], ErrorKeys(problem));
        Assert.Equal("Message key comes from a Kafka message; this flow reads from a LocalFolder connection. Remove the column or choose a Kafka source.",
            Error(problem, "columns[3].derived"));
    }

    [Fact]
    public async Task A_message_header_column_needs_the_header_name()
    {
        var group = await CreateGroupAsync();
        var (_, destination) = await CreateConnectionsAsync();
        var broker = await CreateConnectionAsync("Broker", "Kafka", new { bootstrapServers = "localhost:9092" });
        var body = WithColumns(Flow(group, broker, destination, topic: "orders"), new { targetColumn = "tenant", derived = "MessageHeader" });

        var problem = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.Equal(["columns[3].sourceField"], ErrorKeys(problem));
        Assert.Equal("Enter the name of the message header to take the value from.", Error(problem, "columns[3].sourceField"));
    }
}
