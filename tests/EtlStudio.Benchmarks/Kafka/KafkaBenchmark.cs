using System.Diagnostics;
using System.Globalization;
using EtlStudio.Benchmarks.Csv;
using EtlStudio.Data.Entities;
using EtlStudio.Kafka.Tests;
using EtlStudio.Testing;
using EtlStudio.Web.Triggers;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary><c>kafka</c>: JSON messages from a mock-cluster topic through the Kafka trigger service path (the app's own
/// registrations, consume loop and message batch runner: a recorded run per batch, the batch ledger) into PostgreSQL by
/// upsert. Target (issue #14): 150,000 messages/s sustained, measured after a warm-up.</summary>
internal sealed class KafkaBenchmark : IBenchmark
{
    private const double Target = 150_000;

    public string Name => "kafka";

    public string Description => "Kafka trigger → engine → PostgreSQL upsert (--messages 1000000 --batch 20000 --partitions 64 --parallel 4 --warmup 100000 --recording 1 --engine 1 --flow-batch 10000)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = KafkaBenchmarkOptions.Parse(args);
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        await using var kafka = new KafkaMockCluster();
        await kafka.InitializeAsync();
        var table = new OrdersTable(await postgres.CreateDatabaseAsync("bench"));
        await table.CreateAsync(cancellationToken);
        kafka.CreateTopic("orders", options.Partitions);

        var produce = Stopwatch.StartNew();
        var bytes = await ProduceAsync(kafka, options, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"produced {options.Messages:N0} messages of {bytes / (double)options.Messages:0} bytes on average to {options.Partitions} partitions in {produce.Elapsed.TotalSeconds:0.0} s"));
        GC.Collect();
        var baseline = Process.GetCurrentProcess().WorkingSet64;

        var meter = new BatchMeter(options.WarmUp, options.Messages, CpuMeter.ForServerOnPort(postgres.Port));
        // --recording 0: the engine and its ledger without recorded runs (ETLSTUDIO_BENCH_LEDGER=off drops the ledger too);
        // --engine 0: batches acknowledged at once. Otherwise the app's own runner (null: not replaced).
        using var engine = new EngineBatchRunner((_, _) => Task.FromResult(table.Flow(options.FlowBatch)),
            NoLedgerLoaders.Off ? inner => new NoLedgerLoaders(inner) : null);
        IMessageBatchRunner? replacement = options.Engine == 0 ? new AcknowledgingRunner() : options.Recording == 0 ? engine : null;
        var root = Directory.CreateTempSubdirectory("etlbench.").FullName;
        try
        {
            // librdkafka threads alive before the app starts belong to the mock cluster's owner (the producer above is gone):
            // its rdk:mock thread serves the broker side, its own rdk:main and rdk:broker threads idle.
            var broker = ThreadCpu.Take().Where(t => ThreadCpu.IsLibrdkafka(t.Name)).Select(t => t.Id).ToHashSet();
            using var app = await KafkaBenchmarkApp.StartAsync(root, meter, replacement, kafka, table, options, cancellationToken);
            var overall = Stopwatch.StartNew();
            await meter.AllDone.Task.WaitAsync(cancellationToken);
            overall.Stop();
            await app.StopAsync(CancellationToken.None);
            return await ReportAsync(options, meter, overall.Elapsed, baseline, broker, table, cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<long> ProduceAsync(KafkaMockCluster kafka, KafkaBenchmarkOptions options, CancellationToken cancellationToken)
    {
        long bytes = 0;
        var padding = new string('x', Math.Max(0, options.MessageBytes - OrdersTable.Message(options.Messages, 12345.67m).Length));
        var messages = Enumerable.Range(1, options.Messages).Select(i =>
        {
            var value = OrdersTable.Message(i, i % 100_000 / 100m, padding);
            bytes += value.Length;
            return ((string?)i.ToString(CultureInfo.InvariantCulture), value);
        });
        await kafka.ProduceAsync("orders", messages, cancellationToken);
        return bytes;
    }

    private static async Task<int> ReportAsync(
        KafkaBenchmarkOptions options, BatchMeter meter, TimeSpan overall, long baseline, IReadOnlySet<int> broker, OrdersTable table,
        CancellationToken cancellationToken)
    {
        var rows = await table.CountAsync(cancellationToken);
        var (from, to) = (meter.WarmedUp!, meter.End!);
        var measured = to.Done - from.Done;
        var seconds = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        var sustained = measured / seconds;
        double PerMillion(double cpu) => cpu * 1_000_000 / measured;
        var (app, server) = (to.AppCpu - from.AppCpu, to.ServerCpu - from.ServerCpu);
        var runner = options.Engine == 0 ? "none (--engine 0: acknowledged at once)" : options.Recording == 0 ? "engine + ledger, no recorded runs (--recording 0)" : "the app's MessageBatchRunner (recorded runs, ledger)";
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var threads = ThreadSplit.Between(from.Threads, to.Threads, broker);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            runner              {runner}
            trigger batch size  {options.Batch:N0} messages (window {options.WindowMs} ms), {options.Parallel} partitions in parallel, {options.Partitions} partitions
            runs                {meter.Batches:N0} (mean {meter.Done / (double)Math.Max(1, meter.Batches):N0} messages; {meter.InRuns.TotalSeconds:0.00} s in runs, summed)
            sustained           {sustained:N0} messages/s ({measured:N0} after a warm-up of {from.Done:N0}, in {seconds:0.00} s)
            CPU per 1M messages app process {PerMillion(app):0.00} s (consumer, runs, the in-process mock broker) + PostgreSQL cluster {PerMillion(server):0.00} s = {PerMillion(app + server):0.00} s
              of the app's      mock broker {PerMillion(threads.Broker):0.00} s, librdkafka client threads {PerMillion(threads.Client):0.00} s, .NET and the rest {PerMillion(app - threads.Broker - threads.Client):0.00} s (consume loop with librdkafka's poll, batching, engine, runs, JIT, GC)
              threads           {threads.Describe(PerMillion)}
            allocated           {(to.Allocated - from.Allocated) / (double)measured:N0} bytes per message in this process; collections gen0 {to.Gen0 - from.Gen0}, gen1 {to.Gen1 - from.Gen1}, gen2 {to.Gen2 - from.Gen2}
            machine load        {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)
            overall             {meter.Done / overall.TotalSeconds:N0} messages/s (from start, group join included, {overall.TotalSeconds:0.00} s)
            rows in PostgreSQL  {rows:N0}
            peak working set    {peak / 1048576.0:N0} MB (before consuming: {baseline / 1048576.0:N0} MB, the in-process mock broker holding every message)
            target              {Target:N0} messages/s: {(sustained >= Target ? "met" : "MISSED")}
            """));
        return sustained >= Target && rows == options.Messages ? 0 : 1;
    }
}

/// <summary>Succeeds at once: what consuming, batching and storing offsets cost without the engine.</summary>
file sealed class AcknowledgingRunner : IMessageBatchRunner
{
    public Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<Engine.Definitions.SourceMessage> messages, CancellationToken cancellationToken) =>
        Task.FromResult(new MessageBatchResult(Guid.NewGuid(), true, [], null));
}
