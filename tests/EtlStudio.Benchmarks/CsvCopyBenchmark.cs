using System.Globalization;
using EtlStudio.Benchmarks.Csv;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks;

/// <summary>Loads a generated 12-column CSV into PostgreSQL with the engine (rename + type conversion, binary COPY,
/// Append; staging off cold and warm, then on) and with <c>psql \copy</c> (text COPY, no mapping) into an identical table, and
/// checks the issue's targets: engine/psql ≥ 1.0 and engine peak working set ≤ 256 MB.</summary>
internal sealed class CsvCopyBenchmark : IBenchmark
{
    private const double RatioTarget = 1.0;
    private const long PeakTargetBytes = 256L * 1024 * 1024;
    private const double FlatTolerance = 0.10;

    public string Name => "csv";

    public string Description => "engine vs psql \\copy of a generated CSV into PostgreSQL [--rows 1000000[,10000000]] [--runs 3] [--batch 10000] [--warm-up 300000] [--keep]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] == EngineLoad.ChildFlag) return await EngineLoad.ChildMainAsync(args[1..], cancellationToken);
        var options = CsvBenchmarkOptions.Parse(args);
        var server = new PostgresServer();
        try
        {
            Console.WriteLine($"load average before: {LoadAverage()}  cores: {Environment.ProcessorCount}");
            await server.InitializeAsync();
            var peaks = new List<(long Rows, long Peak)>();
            var ok = true;
            foreach (var rows in options.Sizes)
            {
                var (met, peak) = await PassAsync(server, options with { Rows = rows }, cancellationToken);
                ok &= met;
                peaks.Add((rows, peak));
            }
            return JudgeFlat(peaks) && ok ? 0 : 1;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>One row count: its own file and database, measured and judged.</summary>
    private static async Task<(bool Met, long Peak)> PassAsync(PostgresServer server, CsvBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("etl-csvbench.").FullName;
        try
        {
            var csv = Path.Combine(work, "orders.csv");
            var generated = System.Diagnostics.Stopwatch.StartNew();
            await BenchmarkCsvFile.WriteAsync(csv, options.Rows, cancellationToken);
            Console.WriteLine($"generated {options.Rows:N0} rows, {new FileInfo(csv).Length / 1048576.0:N0} MB in {generated.Elapsed.TotalSeconds:N1} s: {csv}");
            var results = await new CsvBenchmarkRuns(server, options, csv, work).RunAsync(cancellationToken);
            return Judge(options, results);
        }
        finally
        {
            if (!options.Keep) Directory.Delete(work, recursive: true);
            else Console.WriteLine($"kept {work}");
        }
    }

    /// <summary>"Flat from 1M to 10M": the largest size's peak may exceed the smallest's by at most <see cref="FlatTolerance"/>.</summary>
    private static bool JudgeFlat(List<(long Rows, long Peak)> peaks)
    {
        if (peaks.Count < 2) return true;
        var (first, last) = (peaks.MinBy(p => p.Rows), peaks.MaxBy(p => p.Rows));
        var growth = (double)last.Peak / first.Peak - 1;
        Console.WriteLine();
        Console.WriteLine($"peak by size: {string.Join("; ", peaks.Select(p => $"{p.Rows:N0} rows {Mb(p.Peak)}"))}");
        Console.WriteLine($"flat {first.Rows:N0} → {last.Rows:N0}: {growth * 100:+0.0;-0.0;0.0}% (at most +{FlatTolerance * 100:0}%): {(growth <= FlatTolerance ? "met" : "MISSED")}");
        return growth <= FlatTolerance;
    }

    private static (bool Met, long Peak) Judge(CsvBenchmarkOptions options, CsvBenchmarkResults r)
    {
        var ratio = r.EngineOff.RowsPerSecond / r.Psql.RowsPerSecond;
        var peak = new[] { r.EngineCold, r.EngineOff, r.EngineOn }.Max(f => f.PeakWorkingSet);
        Console.WriteLine();
        Console.WriteLine($"== {options.Rows:N0} rows, best of {options.Runs}, load average after: {LoadAverage()}");
        Console.WriteLine($"psql \\copy (text CSV)        {r.Psql.RowsPerSecond,12:N0} rows/s  ({r.Psql.Seconds:N2} s)  {r.Psql.Cpu}");
        Engine("engine, staging off, cold   ", r.EngineCold, r.Psql);
        Engine("engine, staging off, warm   ", r.EngineOff, r.Psql);
        Engine("engine, staging on, warm    ", r.EngineOn, r.Psql);
        Console.WriteLine($"CPU per load (all cores): engine+server {r.EngineOff.ClientCpu + r.EngineOff.ServerCpu:N2} s (warm) vs psql+server {r.Psql.ClientCpu + r.Psql.ServerCpu:N2} s");
        Console.WriteLine($"cold = the first load of a fresh process (JIT compilation included); warm = a load after the same process loaded {options.WarmUpRows:N0} rows of the same shape into a scratch table, as a long-running server has.");
        Console.WriteLine($"peak = Process.PeakWorkingSet64 of the child process that ran only the engine loads (runtime included), which runs with the web app's GC settings (EngineRuntime.props; printed with each run);");
        Console.WriteLine("engine time = FlowRunner.RunAsync in that child (destination check and connection included, process start-up and warm-up not); psql time = whole psql process.");
        var ok = ratio >= RatioTarget && peak <= PeakTargetBytes;
        Console.WriteLine($"targets: ratio (staging off, warm) ≥ {RatioTarget:N1}: {(ratio >= RatioTarget ? "met" : "MISSED")}; peak ≤ 256 MB: {(peak <= PeakTargetBytes ? "met" : "MISSED")}; " +
                          $"the cold ratio ({r.EngineCold.RowsPerSecond / r.Psql.RowsPerSecond:N2}) is shown, not judged: a server loads warm after its first load");
        return (ok, peak);
    }

    private static void Engine(string label, LoadFigure engine, LoadFigure psql) =>
        Console.WriteLine($"{label} {engine.RowsPerSecond,12:N0} rows/s  ({engine.Seconds:N2} s)  ratio {engine.RowsPerSecond / psql.RowsPerSecond:N2}  peak {Mb(engine.PeakWorkingSet)}  {engine.Cpu}");

    internal static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
