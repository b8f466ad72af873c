using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Xunit;

namespace EtlStudio.Testing;

/// <summary>A librdkafka mock cluster: the real Kafka protocol over TCP on loopback (consumer groups, offsets,
/// admin), inside this process, for one test assembly. Tests create their own topics and groups with unique names.</summary>
/// <remarks>The mock keeps about 5 MB per partition and drops older messages beyond that: spread bulk loads over
/// enough partitions.</remarks>
public sealed class KafkaMockCluster : IAsyncLifetime
{
    private IProducer<Null, Null>? _owner;

    /// <summary>Bootstrap servers of the cluster.</summary>
    public string BootstrapServers { get; private set; } = "";

    /// <summary>A name no other test uses, e.g. <c>orders-3f2a…</c>.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", "1");
        // The cluster lives as long as the client that owns it.
        _owner = new ProducerBuilder<Null, Null>(config).Build();
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var brokers = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers;
        BootstrapServers = string.Join(",", brokers.Select(b => $"{b.Host}:{b.Port}"));
        return ValueTask.CompletedTask;
    }

    /// <summary>Creates a topic.</summary>
    /// <remarks>The mock cluster of librdkafka 2.16 does not serve the CreateTopics admin API ("Topic Admin API (KIP-4)
    /// not supported by broker"), and auto-creation always makes 4 partitions, so the topic is created through the
    /// mock's own C API, <c>rd_kafka_mock_topic_create</c>, on the cluster owner's handle.</remarks>
    public void CreateTopic(string topic, int partitions = 1)
    {
        var library = NativeLibrary.Load(LoadedLibrdkafka());
        var cluster = Marshal.GetDelegateForFunctionPointer<MockCluster>(NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster"));
        var create = Marshal.GetDelegateForFunctionPointer<MockTopicCreate>(NativeLibrary.GetExport(library, "rd_kafka_mock_topic_create"));
        // Confluent.Kafka keeps the rd_kafka_t pointer internal.
        var handle = (SafeHandle)typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(_owner!.Handle)!;
        var error = create(cluster(handle.DangerousGetHandle()), topic, partitions, 1);
        if (error != 0) throw new InvalidOperationException($"Mock cluster could not create topic {topic}: error {error}.");
    }

    /// <summary>The librdkafka variant Confluent.Kafka picked for this platform (it ships several).</summary>
    private static string LoadedLibrdkafka() =>
        File.ReadLines("/proc/self/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6 && Path.GetFileName(parts[5]).Contains("librdkafka", StringComparison.Ordinal))
            .Select(parts => parts[5]).First();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr MockCluster(IntPtr client);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MockTopicCreate(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    /// <summary>Produces string messages (key, value) and waits for every acknowledgement; a null key spreads
    /// messages over the partitions.</summary>
    public Task ProduceAsync(string topic, IEnumerable<(string? Key, string Value)> messages, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, null, messages, cancellationToken);

    /// <summary>Produces string messages (key, value) into one partition of a topic and waits for every acknowledgement,
    /// so a benchmark can give every partition the same share.</summary>
    public Task ProduceToPartitionAsync(string topic, int partition, IEnumerable<(string? Key, string Value)> messages, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, partition, messages, cancellationToken);

    private async Task ProduceAsync(string topic, int? partition, IEnumerable<(string? Key, string Value)> messages, CancellationToken cancellationToken)
    {
        var config = new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 5, BatchSize = 1_000_000 };
        using var producer = new ProducerBuilder<string?, string>(config).Build();
        var failed = 0;
        void Delivered(DeliveryReport<string?, string> report)
        {
            if (report.Error.IsError) Interlocked.Increment(ref failed);
        }
        await Task.Run(() =>
        {
            foreach (var (key, value) in messages)
            {
                var message = new Message<string?, string> { Key = key, Value = value };
                while (true)
                {
                    try
                    {
                        if (partition is { } p) producer.Produce(new TopicPartition(topic, p), message, Delivered);
                        else producer.Produce(topic, message, Delivered);
                        break;
                    }
                    catch (ProduceException<string?, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                    {
                        // Bulk loads outrun the client's local queue: let deliveries drain it.
                        producer.Poll(TimeSpan.FromMilliseconds(50));
                    }
                }
            }
            producer.Flush(cancellationToken);
        }, cancellationToken);
        if (failed > 0) throw new InvalidOperationException($"{failed} messages to {topic} were not delivered.");
    }

    /// <summary>Reads <paramref name="count"/> messages of a topic from the start (no consumer group commits).</summary>
    public IReadOnlyList<ConsumeResult<string?, string>> ReadFromStart(string topic, int count, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers, GroupId = UniqueName("reader"), AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string?, string>(config).Build();
        consumer.Subscribe(topic);
        var read = new List<ConsumeResult<string?, string>>();
        var deadline = DateTime.UtcNow + timeout;
        while (read.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result) read.Add(result);
        }
        consumer.Close();
        return read;
    }

    /// <summary>Offsets committed by a consumer group for a topic's partitions (-1001 when none).</summary>
    public IReadOnlyList<long> CommittedOffsets(string groupId, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = groupId }).Build();
        var committed = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return [.. committed.OrderBy(c => c.Partition.Value).Select(c => c.Offset.Value)];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _owner?.Dispose();
        return ValueTask.CompletedTask;
    }
}
