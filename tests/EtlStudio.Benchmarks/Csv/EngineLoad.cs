using System.Diagnostics;
using System.Text.Json;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>What the child process reports about its engine load.</summary>
internal sealed record EngineLoadReport(
    long RowsRead, long RowsWritten, double Seconds, double CpuSeconds, double StartupCpuSeconds, long PeakWorkingSet, long AllocatedBytes,
    int Gen0, int Gen1, int Gen2, string Runtime, Dictionary<string, double> StepSeconds, string? Error);

/// <summary>The engine side of the benchmark, run in a child process of the benchmark binary so that its peak working
/// set is the engine's alone (no generator, no psql bookkeeping, no earlier run in the same heap).</summary>
internal static class EngineLoad
{
    public const string ChildFlag = "--engine-child";
    private const string ReportPrefix = "ENGINE-REPORT ";

    /// <summary>Starts this binary as <c>csv --engine-child …</c> and reads its report.</summary>
    /// <param name="warmUpCsv">When given, the child first loads this (small) file into a scratch table, so that the
    /// measured load runs on JIT-compiled code as in a long-running server that has loaded before; null measures a cold process.</param>
    public static async Task<EngineLoadReport> RunChildAsync(string csvPath, string? warmUpCsv, string connectionString, string table, string? stagingFolder, int batchSize, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Under `dotnet EtlStudio.Benchmarks.dll` the process is the muxer: hand it the assembly again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") psi.ArgumentList.Add(typeof(EngineLoad).Assembly.Location);
        foreach (var a in new[] { "csv", ChildFlag, csvPath, warmUpCsv ?? "-", connectionString, table, stagingFolder ?? "-", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("the engine child did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith(ReportPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the engine child exited with {process.ExitCode} without a report:\n{stdout}{await stderr}");
        return JsonSerializer.Deserialize<EngineLoadReport>(line[ReportPrefix.Length..], JsonSerializerOptions.Web)!;
    }

    /// <summary>The child's entry point: one flow run, then the report on stdout.</summary>
    public static async Task<int> ChildMainAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (csvPath, warmUpCsv, connectionString, table, staging, batchSize) =
            (args[0], args[1] == "-" ? null : args[1], args[2], args[3], args[4] == "-" ? null : args[4], int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture));
        var services = new ServiceCollection().AddLogging();
        services.AddEtlSources();
        services.AddSingleton<ILoaderFactory>(NoLedgerLoaders.Off ? new NoLedgerLoaders(BenchmarkCopy.Loaders()) : BenchmarkCopy.Loaders());
        services.AddEtlPipeline(new StagingOptions { Folder = staging ?? Path.GetTempPath(), Format = StagingBenchmark.Format });
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<FlowRunner>();
        var flow = Flow(csvPath, connectionString, table, staging is not null, batchSize);
        if (warmUpCsv is not null)
        {
            var scratch = table + "_warmup";
            await BenchmarkTables.CreateAsync(connectionString, scratch, cancellationToken);
            var warm = await runner.RunAsync(Flow(warmUpCsv, connectionString, scratch, staging is not null, batchSize), new FlowRunContext { RunId = Guid.NewGuid() }, cancellationToken);
            if (!warm.Succeeded) throw new InvalidOperationException($"the warm-up load failed: {warm.Error?.Message}");
            await BenchmarkTables.DropAsync(connectionString, scratch, cancellationToken);
        }
        var startupCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var started = Stopwatch.GetTimestamp();
        var result = await runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var report = new EngineLoadReport(result.RowsRead, result.RowsWritten, seconds, self.TotalProcessorTime.TotalSeconds, startupCpu, self.PeakWorkingSet64, GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), RuntimeSettings(),
            result.Steps.ToDictionary(s => s.Step.ToString(), s => s.Duration.TotalSeconds), result.Error?.Message);
        Console.WriteLine(ReportPrefix + JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>The runtime settings the child runs with: those of the web app, from <c>EngineRuntime.props</c>.</summary>
    private static string RuntimeSettings() =>
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} {System.Runtime.GCSettings.LatencyMode}, gen0 budget ≤ {AppContext.GetData("System.GC.Gen0MaxBudget") ?? "default"}, " +
        $"tier-1 delay {AppContext.GetData("System.Runtime.TieredCompilation.CallCountingDelayMs") ?? "default"} ms";

    internal static FlowDefinition Flow(string csvPath, string connectionString, string table, bool staged, int batchSize) => new()
    {
        Name = "csv-benchmark",
        // The parquet command loads the same data from a Parquet file through this child.
        Parse = csvPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? new ParseDefinition { Format = ParseFormat.Parquet } : new ParseDefinition(),
        Source = new FileSourceDefinition { Location = Path.GetDirectoryName(csvPath)!, Pattern = Path.GetFileName(csvPath) },
        Columns = BenchmarkTables.ExpressionsOn ? BenchmarkTables.ComputedMapping : BenchmarkTables.Mapping,
        Filter = BenchmarkTables.ExpressionsOn ? BenchmarkTables.Filter : null,
        Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString, Table = table, Mode = LoadMode.Append },
        StagingEnabled = staged,
        BatchSize = batchSize,
    };
}
