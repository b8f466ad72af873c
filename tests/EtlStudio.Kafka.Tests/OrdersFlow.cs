using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Npgsql;

namespace EtlStudio.Kafka.Tests;

/// <summary>Saves the orders flow (JSON messages into <see cref="OrdersTable"/> in PostgreSQL) and a trigger feeding it,
/// as the portal would, for tests that run the app's own orchestrator.</summary>
internal static class OrdersFlow
{
    public static async Task<KafkaTrigger> AddAsync(TriggerHost host, string topic, NpgsqlConnectionStringBuilder database, LoadMode mode = LoadMode.Upsert,
        string? deadLetterTopic = null, int batchSize = 100, int maxParallelPartitions = 4)
    {
        var now = DateTime.UtcNow;
        var kafkaConnection = new Connection
        {
            Name = KafkaMockCluster.UniqueName("kafka"), Kind = ConnectionKind.Kafka, CreatedUtc = now, UpdatedUtc = now,
            Settings = JsonSerializer.Serialize(new { bootstrapServers = host.BootstrapServers }),
        };
        var warehouse = new Connection
        {
            Name = KafkaMockCluster.UniqueName("warehouse"), Kind = ConnectionKind.PostgreSql, Secret = "unused", CreatedUtc = now, UpdatedUtc = now,
            Settings = JsonSerializer.Serialize(new { host = database.Host, port = database.Port, database = database.Database, username = database.Username, sslMode = "Disable" }),
        };
        var flow = new Flow
        {
            Group = new Group { Name = KafkaMockCluster.UniqueName("group"), CreatedUtc = now, UpdatedUtc = now },
            Name = "orders from kafka", SourceConnection = kafkaConnection, SourceTopic = topic, ParseFormat = ParseFormat.Json,
            DestinationConnection = warehouse, DestinationTable = "orders", LoadMode = mode, KeyColumns = mode == LoadMode.Upsert ? "id" : null, StagingEnabled = false,
            CreatedUtc = now, UpdatedUtc = now,
            Columns =
            [
                new ColumnMapping { Order = 1, SourceField = "id", TargetColumn = "id", TargetType = ColumnType.Long, Required = true },
                new ColumnMapping { Order = 2, SourceField = "customer", TargetColumn = "customer", Required = true },
                new ColumnMapping { Order = 3, SourceField = "amount", TargetColumn = "amount", TargetType = ColumnType.Decimal, Precision = 12, Scale = 2, Required = true },
                new ColumnMapping { Order = 4, SourceField = "placed", TargetColumn = "placed", TargetType = ColumnType.DateTimeOffset, Required = true },
                new ColumnMapping { Order = 5, SourceField = "note", TargetColumn = "note" },
            ],
        };
        var trigger = new KafkaTrigger
        {
            Connection = kafkaConnection, Flow = flow, Topic = topic, ConsumerGroup = KafkaMockCluster.UniqueName("etl"), BatchSize = batchSize,
            BatchWindowMs = 200, DeadLetterTopic = deadLetterTopic, MaxParallelPartitions = maxParallelPartitions, CreatedUtc = now, UpdatedUtc = now,
        };
        await host.SaveAsync(trigger);
        return trigger;
    }
}
