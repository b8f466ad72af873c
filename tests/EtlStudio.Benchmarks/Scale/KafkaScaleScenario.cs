using System.Diagnostics;
using EtlStudio.Benchmarks.Csv;
using EtlStudio.Benchmarks.EndToEnd;
using EtlStudio.Kafka.Tests;
using EtlStudio.Testing;
using Npgsql;

namespace EtlStudio.Benchmarks.Scale;

/// <summary>A Kafka-triggered Append flow: every partition of a fresh topic gets the same number of JSON orders before
/// the trigger exists, then the trigger is created through the API and the table polled until it holds them all.
/// Exactly once is checked: the table has no key, so a message loaded twice would show as a second row.</summary>
internal sealed class KafkaScaleScenario(KafkaMockCluster kafka, ScaleOptions options) : IScaleScenario
{
    private const string Table = "kafka_orders";
    private ScaleSetup? _setup;
    private int _connection;
    private int _round;

    public string Name => "kafka";

    public string Measures =>
        $"{options.Partitions} partitions × {options.MessagesPerPartition:N0} messages, batches of {options.Batch}, {options.PerInstance} consumers per instance, " +
        $"pg_sleep {options.KafkaSleepMs} ms per batch; rows/s from the first row's insert to the poll (every 100 ms) that saw the last (wall: from the trigger's creation, group join included)";

    public async Task PrepareAsync(EtlApiClient api, ScaleSetup setup, CancellationToken cancellationToken)
    {
        _setup = setup;
        await new OrdersTable(setup.Destination, Table).CreateAsync(cancellationToken, primaryKey: false);
        await ExecuteAsync($"ALTER TABLE {Table} ADD loaded_at timestamptz NOT NULL DEFAULT clock_timestamp()", cancellationToken);
        await LatencyTrigger.InstallAsync(setup.Destination, Table, options.KafkaSleepMs, cancellationToken);
        _connection = await api.CreateKafkaAsync(kafka.BootstrapServers, cancellationToken);
    }

    public async Task WarmUpAsync(ScaleCluster cluster, EtlApiClient api, CancellationToken cancellationToken) =>
        await LoadAsync(cluster, api, Math.Min(options.Batch, options.MessagesPerPartition), cancellationToken);

    public async Task<ScaleSample> MeasureAsync(ScaleCluster cluster, EtlApiClient api, string label, CancellationToken cancellationToken)
    {
        var (sample, wall, flow) = await LoadAsync(cluster, api, options.MessagesPerPartition, cancellationToken);
        Console.WriteLine($"{label}: {sample.Rows:N0} messages in {sample.WallSeconds,6:N2} s from the first row = {sample.RowsPerSecond,8:N0} rows/s  " +
                          $"(wall from trigger creation {wall:N2} s = {sample.Rows / wall:N0} rows/s)  instances' cpu {sample.AppCpuSeconds:N1} s  load {sample.LoadAverage}");
        Console.WriteLine($"    {await InstanceSpread.BatchesAsync(_setup!.Config, flow, cancellationToken)}");
        return sample;
    }

    private async Task<(ScaleSample Sample, double Wall, int Flow)> LoadAsync(ScaleCluster cluster, EtlApiClient api, int perPartition, CancellationToken cancellationToken)
    {
        var setup = _setup!;
        var topic = $"orders-{++_round}";
        kafka.CreateTopic(topic, options.Partitions);
        for (var p = 0; p < options.Partitions; p++)
        {
            var first = (long)p * perPartition + 1;
            await kafka.ProduceToPartitionAsync(topic, p, Enumerable.Range(0, perPartition).Select(i => ((string?)null, OrdersTable.Message(first + i, (first + i) % 1000 + 0.25m))), cancellationToken);
        }
        var expected = (long)options.Partitions * perPartition;
        await BenchmarkTables.TruncateAsync(setup.Destination, Table, cancellationToken);
        var flow = await api.CreateKafkaFlowAsync(setup.Group, _connection, setup.Warehouse, $"Orders from {topic}", topic, $"public.{Table}", cancellationToken);

        var cpuBefore = cluster.CpuSeconds();
        var started = Stopwatch.GetTimestamp();
        var trigger = await api.CreateTriggerAsync(_connection, flow, topic, $"etl-{topic}", options.Batch, 1000, options.PerInstance, cancellationToken);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (await BenchmarkTables.CountAsync(setup.Destination, Table, cancellationToken) < expected)
        {
            cluster.EnsureAlive();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{topic}: not every message loaded within 10 minutes");
            await Task.Delay(100, cancellationToken);
        }
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var fromFirstRow = await SecondsSinceFirstRowAsync(cancellationToken);
        var cpu = cluster.CpuSeconds() - cpuBefore;

        // A second load of a batch (a rebalance replaying it) would commit after the last first load: give it time to show.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        await api.DeleteTriggerAsync(trigger, cancellationToken);
        var (rows, distinct) = await LatencyTrigger.CountAsync(setup.Destination, Table, "id", cancellationToken);
        if (rows != expected || distinct != expected) throw new InvalidOperationException($"{topic}: {rows:N0} rows, {distinct:N0} distinct ids, produced {expected:N0}: not exactly once");
        return (new ScaleSample(expected, fromFirstRow, cpu, CsvCopyBenchmark.LoadAverage()), wall, flow);
    }

    private async Task<double> SecondsSinceFirstRowAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_setup!.Destination);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT extract(epoch FROM clock_timestamp() - min(loaded_at))::float8 FROM {Table}", connection);
        return (double)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_setup!.Destination);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
