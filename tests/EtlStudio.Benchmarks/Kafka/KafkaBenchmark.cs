using System.Diagnostics;
using System.Globalization;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Kafka.Tests;
using EtlStudio.Testing;
using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary><c>kafka</c>: JSON messages from a mock-cluster topic through the Kafka trigger service (the app's own
/// registration and consume loop) and the engine into PostgreSQL by upsert. Target: 50,000 messages/s sustained.</summary>
internal sealed class KafkaBenchmark : IBenchmark
{
    private const double Target = 50_000;

    public string Name => "kafka";

    public string Description => "Kafka trigger → engine → PostgreSQL upsert (--messages 1000000 --batch 20000 --partitions 64 --flow-batch 10000 --parallel 4)";

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

        // ETLSTUDIO_BENCH_LEDGER=off measures the same path without the batch ledger, to see what it costs.
        using var engine = new EngineBatchRunner((_, _) => Task.FromResult(table.Flow(options.FlowBatch)),
            Csv.NoLedgerLoaders.Off ? inner => new Csv.NoLedgerLoaders(inner) : null);
        var runner = new MeasuringRunner(options.Engine == 0 ? new AcknowledgingRunner() : engine, options.Messages);
        var root = Directory.CreateTempSubdirectory("etlbench.").FullName;
        try
        {
            using var app = await StartAppAsync(root, runner, kafka, options, cancellationToken);
            var overall = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var database = new Npgsql.NpgsqlConnectionStringBuilder(table.ConnectionString).Database!;
            var pgBefore = BackendCpu.Of(database);
            await runner.AllDone.Task.WaitAsync(cancellationToken);
            overall.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var pgCpu = BackendCpu.Of(database) - pgBefore;
            await app.StopAsync(CancellationToken.None);
            return await ReportAsync(options, runner, overall.Elapsed, cpu, pgCpu, baseline, table, cancellationToken);
        }
        finally
        {
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

    /// <summary>The app's own wiring: configuration database with one trigger, <c>AddKafkaTriggers</c>, the runner.</summary>
    private static async Task<IHost> StartAppAsync(
        string root, MeasuringRunner runner, KafkaMockCluster kafka, KafkaBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(root, "etl.db")}",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ISecretProtector, PassThroughSecrets>();
        builder.Services.AddSingleton<IMessageBatchRunner>(runner);
        builder.AddEtlStudioData();
        builder.AddKafkaTriggers();
        var app = builder.Build();
        await app.Services.InitializeEtlStudioDatabaseAsync(cancellationToken);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            var now = DateTime.UtcNow;
            db.Add(new KafkaTrigger
            {
                Topic = "orders", ConsumerGroup = "bench", BatchSize = options.Batch, BatchWindowMs = options.WindowMs, MaxParallelPartitions = options.Parallel, CreatedUtc = now, UpdatedUtc = now,
                Connection = new Connection { Name = "bench", Kind = ConnectionKind.Kafka, Settings = $$"""{"bootstrapServers":"{{kafka.BootstrapServers}}"}""" },
                Flow = new Flow { Name = "orders", Group = new Group { Name = "bench" } },
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static async Task<int> ReportAsync(
        KafkaBenchmarkOptions options, MeasuringRunner runner, TimeSpan overall, TimeSpan cpu, TimeSpan pgCpu, long baseline, OrdersTable table, CancellationToken cancellationToken)
    {
        var rows = await table.CountAsync(cancellationToken);
        var sustained = runner.Done / runner.Elapsed.TotalSeconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            trigger batch size  {options.Batch:N0} messages (window {options.WindowMs} ms), engine load batch {options.FlowBatch:N0} rows, {options.Parallel} partitions in parallel
            runs                {runner.Batches:N0} (mean {runner.Done / (double)Math.Max(1, runner.Batches):N0} messages)
            sustained           {sustained:N0} messages/s ({runner.Done:N0} in {runner.Elapsed.TotalSeconds:0.00} s, first batch to last; {runner.InRuns.TotalSeconds:0.00} s in runs)
            CPU                 app {cpu.TotalSeconds:0.00} s + PostgreSQL {pgCpu.TotalSeconds:0.00} s = {runner.Done / (cpu + pgCpu).TotalSeconds:N0} messages per CPU second
            machine load        {File.ReadAllText("/proc/loadavg").Split(' ')[0]} (1-minute load average, {Environment.ProcessorCount} cores)
            overall             {runner.Done / overall.TotalSeconds:N0} messages/s (from start, group join included, {overall.TotalSeconds:0.00} s)
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
