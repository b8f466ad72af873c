using System.Text;
using Confluent.Kafka;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Npgsql;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Message key, headers, partition, offset and timestamp reach PostgreSQL columns through derived values:
/// produced to the mock cluster, consumed by the trigger service, run by the real engine.</summary>
public sealed class MessageMetadataTests(KafkaMockCluster kafka, PostgresServer postgres)
{
    private static readonly DateTime Created = new(2026, 11, 25, 9, 15, 30, 250, DateTimeKind.Utc);

    [Fact]
    public async Task Key_header_partition_offset_and_timestamp_of_each_message_land_in_their_columns()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = KafkaMockCluster.UniqueName("events");
        kafka.CreateTopic(topic, partitions: 2);
        var connectionString = await postgres.CreateDatabaseAsync("kafkameta");
        await ExecuteAsync(connectionString,
            "CREATE TABLE events (id bigint PRIMARY KEY, msg_key text, tenant text, trace text, msg_partition int, msg_offset bigint, msg_time timestamptz)", ct);
        await ProduceAsync(topic,
        [
            (0, "cust-1", """{"id": 1}""", new Headers { { "tenant", "acme"u8.ToArray() }, { "trace", "t-1"u8.ToArray() } }),
            (0, null, """{"id": 2}""", new Headers { { "tenant", Encoding.UTF8.GetBytes("zoë") } }),
            (1, "cust-3", """{"id": 3}""", new Headers()),
        ], ct);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic, batchSize: 10);
        using var runner = new EngineBatchRunner(_ => Flow(connectionString));

        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 2).Sum() == 3, "offsets of the 3 messages committed");
        await host.StopAsync();

        Assert.Equal(
        [
            "1|cust-1|acme|t-1|0|0|2026-11-25T09:15:30.2500000Z",
            "2||zoë||0|1|2026-11-25T09:15:30.2500000Z",
            "3|cust-3|||1|0|2026-11-25T09:15:30.2500000Z",
        ], await ReadAsync(connectionString, ct));
    }

    private static FlowDefinition Flow(string connectionString) => new()
    {
        Name = "events from kafka",
        Source = new MessageSourceDefinition { Messages = [] },
        Parse = new ParseDefinition { Format = ParseFormat.Json },
        Columns =
        [
            new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Long, Required = true },
            new ColumnMap { TargetColumn = "msg_key", Derived = DerivedValue.MessageKey },
            new ColumnMap { SourceField = "tenant", TargetColumn = "tenant", Derived = DerivedValue.MessageHeader },
            new ColumnMap { SourceField = "trace", TargetColumn = "trace", Derived = DerivedValue.MessageHeader },
            new ColumnMap { TargetColumn = "msg_partition", Type = ColumnType.Int, Derived = DerivedValue.MessagePartition },
            new ColumnMap { TargetColumn = "msg_offset", Type = ColumnType.Long, Derived = DerivedValue.MessageOffset },
            new ColumnMap { TargetColumn = "msg_time", Type = ColumnType.DateTimeOffset, Derived = DerivedValue.MessageTimestamp },
        ],
        Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString, Table = "events" },
        StagingEnabled = false,
    };

    /// <summary>Produces to a chosen partition with headers and a create time, unlike the fixture's string producer.</summary>
    private async Task ProduceAsync(string topic, (int Partition, string? Key, string Value, Headers Headers)[] messages, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string?, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        foreach (var (partition, key, value, headers) in messages)
        {
            var message = new Message<string?, string> { Key = key, Value = value, Headers = headers, Timestamp = new Timestamp(Created) };
            await producer.ProduceAsync(new TopicPartition(topic, partition), message, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT id, msg_key, tenant, trace, msg_partition, msg_offset, msg_time FROM events ORDER BY id", conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var time = reader.GetFieldValue<DateTime>(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(string.Join('|', reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), reader.GetInt32(4), reader.GetInt64(5), time));
        }
        return rows;
    }

    private static string Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);
}
