namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>Kafka through the REST API: a broker connection, a flow reading the orders messages of
/// <c>EtlStudio.Kafka.Tests.OrdersTable</c>, and the trigger that feeds it.</summary>
internal sealed partial class EtlApiClient
{
    public async Task<int> CreateKafkaAsync(string bootstrapServers, CancellationToken cancellationToken) =>
        await PostForIdAsync("api/connections", new { name = "Brokers", kind = "Kafka", settings = new { bootstrapServers } }, cancellationToken);

    /// <summary>An Append flow from <paramref name="topic"/>'s JSON orders into <paramref name="table"/>.</summary>
    public async Task<int> CreateKafkaFlowAsync(int group, int kafka, int destination, string name, string topic, string table, CancellationToken cancellationToken) =>
        await PostForIdAsync("api/flows", new
        {
            groupId = group, name, sourceConnectionId = kafka, sourceTopic = topic, parse = new { format = "Json" },
            destinationConnectionId = destination, destinationTable = table, loadMode = "Append", stagingEnabled = false,
            columns = new object[]
            {
                new { sourceField = "id", targetColumn = "id", targetType = "Long", required = true },
                new { sourceField = "customer", targetColumn = "customer", targetType = "String", required = true },
                new { sourceField = "amount", targetColumn = "amount", targetType = "Decimal", precision = 12, scale = 2, required = true },
                new { sourceField = "placed", targetColumn = "placed", targetType = "DateTimeOffset", required = true },
                new { sourceField = "note", targetColumn = "note", targetType = "String" },
            },
        }, cancellationToken);

    /// <summary>An enabled trigger; every instance starts its consumers at its next read of the trigger table.</summary>
    public async Task<int> CreateTriggerAsync(int kafka, int flow, string topic, string consumerGroup, int batchSize, int batchWindowMs, int maxParallelPartitions,
        CancellationToken cancellationToken) =>
        await PostForIdAsync("api/triggers", new
        {
            connectionId = kafka, topic, consumerGroup, flowId = flow, batchSize, batchWindowMs, enabled = true, maxParallelPartitions,
        }, cancellationToken);

    /// <summary>Deletes a trigger: every instance stops its consumers at its next read of the trigger table.</summary>
    public async Task DeleteTriggerAsync(int trigger, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync($"api/triggers/{trigger}", cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"DELETE api/triggers/{trigger} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
