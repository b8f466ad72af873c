using System.Globalization;
using EtlStudio.Benchmarks.Csv;
using EtlStudio.Benchmarks.EndToEnd;

namespace EtlStudio.Benchmarks.Scale;

/// <summary>A flow over many CSV files run as partitions (Run now through the API, polled until Succeeded): each
/// partition is a Hangfire job any instance takes, at most <see cref="ScaleOptions.InFlight"/> in flight. Every file's
/// order ids are distinct, so a row loaded twice shows.</summary>
internal sealed class FileScaleScenario(ScaleOptions options, string work) : IScaleScenario
{
    private const string Table = "file_orders";
    private const int WarmUpFiles = 12;
    private ScaleSetup? _setup;
    private int _flow;
    private int _warmUp;

    private long Expected => (long)options.Files * options.RowsPerFile;

    public string Name => "files";

    public string Measures =>
        $"{options.Files} files × {options.RowsPerFile} rows as partitions ({options.InFlight} in flight, Hangfire:WorkerCount {options.PerInstance} per instance), " +
        $"pg_sleep {options.FilesSleepMs} ms per batch; rows/s from Run now until {EtlApiClient.Following(null)} with Succeeded";

    public async Task PrepareAsync(EtlApiClient api, ScaleSetup setup, CancellationToken cancellationToken)
    {
        _setup = setup;
        var folder = Directory.CreateDirectory(Path.Combine(work, "files")).FullName;
        for (var i = 0; i < options.Files; i++)
        {
            await BenchmarkCsvFile.WriteAsync(Path.Combine(folder, $"orders-{i.ToString("D4", CultureInfo.InvariantCulture)}.csv"), options.RowsPerFile,
                (long)i * options.RowsPerFile + 1, cancellationToken);
        }
        for (var i = 0; i < WarmUpFiles; i++)
        {
            await BenchmarkCsvFile.WriteAsync(Path.Combine(folder, $"warm-{i.ToString("D2", CultureInfo.InvariantCulture)}.csv"), 20, i * 20 + 1, cancellationToken);
        }
        await BenchmarkTables.CreateAsync(setup.Destination, Table, cancellationToken);
        await LatencyTrigger.InstallAsync(setup.Destination, Table, options.FilesSleepMs, cancellationToken);
        var source = await api.CreateFolderAsync(folder, cancellationToken);
        _flow = await api.CreateFlowAsync(setup.Group, source, setup.Warehouse, "Orders, partitioned", "orders-*.csv", $"public.{Table}", false, options.InFlight, cancellationToken);
        _warmUp = await api.CreateFlowAsync(setup.Group, source, setup.Warehouse, "Orders, warm-up", "warm-*.csv", $"public.{Table}", false, options.InFlight, cancellationToken);
    }

    public async Task WarmUpAsync(ScaleCluster cluster, EtlApiClient api, CancellationToken cancellationToken)
    {
        await BenchmarkTables.TruncateAsync(_setup!.Destination, Table, cancellationToken);
        await api.RunAsync(_warmUp, cancellationToken);
    }

    public async Task<ScaleSample> MeasureAsync(ScaleCluster cluster, EtlApiClient api, string label, CancellationToken cancellationToken)
    {
        var destination = _setup!.Destination;
        await BenchmarkTables.TruncateAsync(destination, Table, cancellationToken);
        var cpuBefore = cluster.CpuSeconds();
        var timing = await api.RunAsync(_flow, cancellationToken);
        var cpu = cluster.CpuSeconds() - cpuBefore;
        cluster.EnsureAlive();
        var (rows, distinct) = await LatencyTrigger.CountAsync(destination, Table, "order_id", cancellationToken);
        if (rows != Expected || distinct != Expected || timing.RowsWritten != Expected)
        {
            throw new InvalidOperationException($"{rows:N0} rows, {distinct:N0} distinct order ids, the run says {timing.RowsWritten:N0} written; the files hold {Expected:N0}");
        }
        var sample = new ScaleSample(Expected, timing.WallSeconds, cpu, CsvCopyBenchmark.LoadAverage());
        Console.WriteLine($"{label}: {sample.Rows:N0} rows in {sample.WallSeconds,6:N2} s = {sample.RowsPerSecond,8:N0} rows/s  " +
                          $"(queued→started {timing.PickupSeconds * 1000:N0} ms)  instances' cpu {sample.AppCpuSeconds:N1} s  load {sample.LoadAverage}");
        Console.WriteLine($"    {await InstanceSpread.PartitionsAsync(_setup.Config, _flow, cancellationToken)}");
        return sample;
    }
}
