using EtlStudio.Benchmarks.Csv;
using EtlStudio.Benchmarks.EndToEnd;
using EtlStudio.Benchmarks.Scale;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks;

/// <summary>Issue #16: 1, 2 and 3 instances of the web app (child processes) on one PostgreSQL configuration database
/// (Hangfire storage there too, so jobs spread) and one mock Kafka cluster in this process, loading into a latency-bound
/// destination (<see cref="LatencyTrigger"/>). Prints rows/s per instance count and the ratios to one instance for a
/// Kafka-triggered flow and a partitioned many-file flow. Targets: 2 instances ≥ 1.8×, 3 ≥ 2.5× one.</summary>
internal sealed class ScaleBenchmark : IBenchmark
{
    private static readonly Dictionary<int, double> Targets = new() { [2] = 1.8, [3] = 2.5 };

    public string Name => "scale";

    public string Description => "1, 2, 3 web app instances on one database and Kafka cluster, latency-bound destination " + ScaleOptions.Usage[5..];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = ScaleOptions.Parse(args);
        Console.WriteLine($"load average before: {CsvCopyBenchmark.LoadAverage()}  cores: {Environment.ProcessorCount}  web app: {options.WebApp}  " +
                          $"instance settings: {string.Join(", ", ScaleCluster.Overrides(options).Select(o => $"{o.Key}={o.Value}"))}");
        var work = Directory.CreateTempSubdirectory("etl-scalebench.").FullName;
        var server = new PostgresServer();
        var kafka = new KafkaMockCluster();
        try
        {
            await server.InitializeAsync();
            await kafka.InitializeAsync();
            var configConnection = await server.CreateDatabaseAsync("etl_config");
            var config = new ConfigDatabase("PostgreSql", configConnection);
            var setup = new ScaleSetup(0, 0, await server.CreateDatabaseAsync("bench_scale"), configConnection);
            var apiKey = await ApiUser.CreateAdminKeyAsync(config, work, cancellationToken);
            List<IScaleScenario> scenarios = [];
            if (options.Kafka) scenarios.Add(new KafkaScaleScenario(kafka, options));
            if (options.FileFlow) scenarios.Add(new FileScaleScenario(options, work));
            var samples = scenarios.ToDictionary(s => s.Name, _ => new Dictionary<int, List<ScaleSample>>());
            foreach (var instances in options.Instances)
            {
                await using var cluster = await ScaleCluster.StartAsync(instances, options, config, work, cancellationToken);
                using var api = new EtlApiClient(cluster.Apps[0].BaseAddress, apiKey);
                if (setup.Group == 0) setup = await PrepareAsync(api, setup, scenarios, cancellationToken);
                Console.WriteLine($"-- {instances} instance(s) up (ready after {string.Join(", ", cluster.Apps.Select(a => $"{a.ReadySeconds:N1}"))} s), load {CsvCopyBenchmark.LoadAverage()}");
                foreach (var scenario in scenarios)
                {
                    await scenario.WarmUpAsync(cluster, api, cancellationToken);
                    var list = samples[scenario.Name][instances] = [];
                    for (var run = 1; run <= options.Runs; run++)
                    {
                        list.Add(await scenario.MeasureAsync(cluster, api, $"{scenario.Name,-5} × {instances} run {run}", cancellationToken));
                    }
                }
            }
            var met = true;
            foreach (var scenario in scenarios) met &= Report(scenario, samples[scenario.Name], options);
            return met ? 0 : 1;
        }
        finally
        {
            await kafka.DisposeAsync();
            await server.DisposeAsync();
            if (!options.Keep) Directory.Delete(work, recursive: true);
            else Console.WriteLine($"kept {work}");
        }
    }

    private static async Task<ScaleSetup> PrepareAsync(EtlApiClient api, ScaleSetup setup, List<IScaleScenario> scenarios, CancellationToken cancellationToken)
    {
        var prepared = setup with { Group = await api.CreateGroupAsync(cancellationToken), Warehouse = await api.CreatePostgresAsync(setup.Destination, cancellationToken) };
        foreach (var scenario in scenarios) await scenario.PrepareAsync(api, prepared, cancellationToken);
        return prepared;
    }

    private static bool Report(IScaleScenario scenario, Dictionary<int, List<ScaleSample>> byInstances, ScaleOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"== {scenario.Name}: {scenario.Measures}; {options.Runs} run(s) each after a warm-up, load average now {CsvCopyBenchmark.LoadAverage()}");
        var baseCount = options.Instances[0];
        var (baseBest, baseMedian) = Throughput(byInstances[baseCount]);
        var met = true;
        foreach (var (instances, list) in byInstances)
        {
            var (best, median) = Throughput(list);
            var line = $"{instances} instance(s): best {best,8:N0} / median {median,8:N0} rows/s  (load {string.Join(", ", list.Select(s => s.LoadAverage))})";
            if (instances != baseCount)
            {
                line += $"  ratio {instances}/{baseCount}: best {best / baseBest:N2} / median {median / baseMedian:N2}";
                if (baseCount == 1 && Targets.TryGetValue(instances, out var target))
                {
                    var ok = median / baseMedian >= target;
                    met &= ok;
                    line += $" (median ≥ {target:N1}: {(ok ? "met" : "MISSED")})";
                }
            }
            Console.WriteLine(line);
        }
        return met;
    }

    private static (double Best, double Median) Throughput(List<ScaleSample> samples) =>
        (samples.Max(s => s.RowsPerSecond), EndToEndFigures.Median(samples.Select(s => s.RowsPerSecond)));
}
