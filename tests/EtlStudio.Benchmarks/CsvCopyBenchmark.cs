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

    public string Name => "csv";

    public string Description => "engine vs psql \\copy of a generated CSV into PostgreSQL [--rows 1000000] [--runs 3] [--batch 10000] [--warm-up 300000] [--keep]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] == EngineLoad.ChildFlag) return await EngineLoad.ChildMainAsync(args[1..], cancellationToken);
        var options = CsvBenchmarkOptions.Parse(args);
        var work = Directory.CreateTempSubdirectory("etl-csvbench.").FullName;
        var server = new PostgresServer();
        try
        {
            Console.WriteLine($"load average before: {LoadAverage()}  cores: {Environment.ProcessorCount}");
            var csv = Path.Combine(work, "orders.csv");
            var generated = System.Diagnostics.Stopwatch.StartNew();
            await BenchmarkCsvFile.WriteAsync(csv, options.Rows, cancellationToken);
            Console.WriteLine($"generated {options.Rows:N0} rows, {new FileInfo(csv).Length / 1048576.0:N0} MB in {generated.Elapsed.TotalSeconds:N1} s: {csv}");
            await server.InitializeAsync();
            var results = await new CsvBenchmarkRuns(server, options, csv, work).RunAsync(cancellationToken);
            return Judge(options, results);
        }
        finally
        {
            await server.DisposeAsync();
            if (!options.Keep) Directory.Delete(work, recursive: true);
            else Console.WriteLine($"kept {work}");
        }
    }

    private static int Judge(CsvBenchmarkOptions options, CsvBenchmarkResults r)
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
        Console.WriteLine($"targets: ratio (staging off, warm) ≥ {RatioTarget:N1}: {(ratio >= RatioTarget ? "met" : "MISSED")}; peak ≤ 256 MB: {(peak <= PeakTargetBytes ? "met" : "MISSED")}");
        return ok ? 0 : 1;
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
