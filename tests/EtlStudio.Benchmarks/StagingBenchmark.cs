using EtlStudio.Benchmarks.Csv;
using EtlStudio.Engine.Staging;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks;

/// <summary>Staging off / NDJSON / Parquet for the csv benchmark's generated file into PostgreSQL: each load a warm
/// engine child (<see cref="EngineLoad"/>), interleaved per run so a burst of load from other processes hits all three;
/// rows/s, staged bytes (the mapped artifact, and all of the run's staging with the raw copy) and peak working set of
/// the child; min and median over the runs.</summary>
internal sealed class StagingBenchmark : IBenchmark
{
    /// <summary>Set by this benchmark for the engine child it starts (which inherits the environment).</summary>
    public const string FormatSwitch = "ETLSTUDIO_BENCH_STAGING_FORMAT";
    private const string Table = "orders_staging";

    /// <summary>The staging format the engine child runs with.</summary>
    public static StagingFormat Format => Enum.TryParse<StagingFormat>(Environment.GetEnvironmentVariable(FormatSwitch), ignoreCase: true, out var f) ? f : StagingFormat.Ndjson;

    public string Name => "staging";

    public string Description => "engine load with staging off / NDJSON / Parquet: rows/s, client CPU, staged bytes, peak RSS [--rows 1000000] [--runs 3] [--batch 10000] [--warm-up 300000] [--modes off,ndjson,parquet] [--keep]";

    private static readonly string[] AllModes = ["off", nameof(StagingFormat.Ndjson), nameof(StagingFormat.Parquet)];

    private sealed record Figure(string Mode, double RowsPerSecond, double CpuSeconds, long MappedBytes, long StagedBytes, long Peak);

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var modesAt = Array.IndexOf(args, "--modes");
        var modes = modesAt < 0 ? AllModes : [.. args[modesAt + 1].Split(',').Select(m => AllModes.Single(a => a.Equals(m, StringComparison.OrdinalIgnoreCase)))];
        var options = CsvBenchmarkOptions.Parse(modesAt < 0 ? args : [.. args[..modesAt], .. args[(modesAt + 2)..]]);
        var server = new PostgresServer();
        var work = Directory.CreateTempSubdirectory("etl-stagingbench.").FullName;
        try
        {
            Console.WriteLine($"load average before: {CsvCopyBenchmark.LoadAverage()}  cores: {Environment.ProcessorCount}");
            await server.InitializeAsync();
            var csv = Path.Combine(work, "orders.csv");
            await BenchmarkCsvFile.WriteAsync(csv, options.Rows, cancellationToken);
            string? warmUp = null;
            if (options.WarmUpRows > 0)
            {
                warmUp = Path.Combine(Directory.CreateDirectory(Path.Combine(work, "warm-up")).FullName, "orders.csv");
                await BenchmarkCsvFile.WriteAsync(warmUp, options.WarmUpRows, cancellationToken);
            }
            Console.WriteLine($"{options.Rows:N0} rows, CSV {CsvCopyBenchmark.Mb(new FileInfo(csv).Length)}");
            var connection = await server.CreateDatabaseAsync("stagingbench");
            var figures = new List<Figure>();
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var mode in modes)
                {
                    var figure = await LoadAsync(mode, csv, warmUp, connection, work, run, options, cancellationToken);
                    figures.Add(figure);
                    Console.WriteLine($"run {run} staging {mode,-7} {figure.RowsPerSecond,10:N0} rows/s  cpu {figure.CpuSeconds,5:F2} s  mapped {CsvCopyBenchmark.Mb(figure.MappedBytes),8}  staged {CsvCopyBenchmark.Mb(figure.StagedBytes),8}  peak {CsvCopyBenchmark.Mb(figure.Peak)}  load {CsvCopyBenchmark.LoadAverage()}");
                }
            }
            Console.WriteLine($"== {options.Rows:N0} rows, {options.Runs} runs (min / median), load average after: {CsvCopyBenchmark.LoadAverage()}");
            foreach (var mode in figures.GroupBy(f => f.Mode))
            {
                Console.WriteLine($"staging {mode.Key,-7} rows/s {Stat(mode.Select(f => f.RowsPerSecond), v => $"{v:N0}")}  cpu {Stat(mode.Select(f => f.CpuSeconds), v => $"{v:F2} s")}  mapped {Stat(mode.Select(f => (double)f.MappedBytes), Mb)}  " +
                                  $"staged {Stat(mode.Select(f => (double)f.StagedBytes), Mb)}  peak RSS {Stat(mode.Select(f => (double)f.Peak), Mb)}");
            }
            Console.WriteLine("staged = the run's whole staging folder (raw copy of the CSV + mapped rows); peak RSS = PeakWorkingSet64 of the engine child; cpu = the child's user + system time over the measured load.");
            return 0;
        }
        finally
        {
            await server.DisposeAsync();
            if (!options.Keep) Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Figure> LoadAsync(string mode, string csv, string? warmUp, string connection, string work, int run, CsvBenchmarkOptions options, CancellationToken cancellationToken)
    {
        await BenchmarkTables.CreateAsync(connection, Table, cancellationToken);
        var staging = mode == "off" ? null : Directory.CreateDirectory(Path.Combine(work, $"staging-{mode}-{run}")).FullName;
        Environment.SetEnvironmentVariable(FormatSwitch, mode == "off" ? null : mode);
        try
        {
            var report = await EngineLoad.RunChildAsync(csv, warmUp, connection, Table, staging, options.BatchSize, cancellationToken);
            if (report.Error is not null || report.RowsWritten != options.Rows)
            {
                throw new InvalidOperationException($"staging {mode}: {report.RowsWritten:N0} of {options.Rows:N0} rows written: {report.Error}");
            }
            // The warm-up load stages too, in a run folder of its own: the measured load's folder is the one written last.
            var measured = staging is null ? null : new DirectoryInfo(staging).EnumerateDirectories().MaxBy(d => d.EnumerateFiles("*", SearchOption.AllDirectories).Max(f => f.LastWriteTimeUtc));
            var files = measured?.EnumerateFiles("*", SearchOption.AllDirectories).ToList() ?? [];
            var mapped = files.Where(f => f.Name is "mapped.ndjson" or "mapped.parquet").Sum(f => f.Length);
            var staged = files.Sum(f => f.Length);
            return new Figure(mode, report.RowsWritten / report.Seconds, report.CpuSeconds - report.StartupCpuSeconds, mapped, staged, report.PeakWorkingSet);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FormatSwitch, null);
            if (staging is not null) Directory.Delete(staging, recursive: true);
        }
    }

    private static string Mb(double bytes) => CsvCopyBenchmark.Mb((long)bytes);

    private static string Stat(IEnumerable<double> values, Func<double, string> format)
    {
        var sorted = values.Order().ToList();
        return $"{format(sorted[0])} / {format(sorted[sorted.Count / 2])}";
    }
}
