using EtlStudio.Benchmarks.Csv;
using EtlStudio.Benchmarks.EndToEnd;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks;

/// <summary>Issue #14 driven as a user does: the web app (its build output) as a child process on a throwaway
/// PostgreSQL (or, <c>--storage sqlite</c>, with its default SQLite configuration database and Hangfire storage), connection and flows made through the REST API, Run now pressed and the run polled until Succeeded, beside
/// <c>psql \copy</c> of the same file into an identical table in the same round. Prints wall ratios (cold, warm, staging
/// on), CPU per row of both sides, pickup latency and the web process's peak RSS, and judges the targets.</summary>
internal sealed class EndToEndBenchmark : IBenchmark
{
    private const double WarmTarget = 1.3, StagingTarget = 1.2, ColdTarget = 1.0, CpuTarget = 1.3, PickupTargetSeconds = 0.100;

    public string Name => "e2e";

    public string Description => "Run now through the REST API of the web app vs psql \\copy, pickup latency, peak RSS " + EndToEndOptions.Usage[3..];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = EndToEndOptions.Parse(args);
        Console.WriteLine($"load average before: {CsvCopyBenchmark.LoadAverage()}  cores: {Environment.ProcessorCount}  web app: {options.WebApp}  storage: {options.Storage}  settle before the cold press: {options.SettleSeconds:N0} s  DOTNET_TieredPGO: {Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default"}");
        var work = Directory.CreateTempSubdirectory("etl-e2ebench.").FullName;
        var server = new PostgresServer();
        try
        {
            await server.InitializeAsync();
            var csvFolder = Directory.CreateDirectory(Path.Combine(work, "in")).FullName;
            await BenchmarkCsvFile.WriteAsync(Path.Combine(csvFolder, "orders.csv"), options.Rows, cancellationToken);
            await BenchmarkCsvFile.WriteAsync(Path.Combine(csvFolder, "pickup.csv"), 1, cancellationToken);
            var figures = await new EndToEndRounds(server, options, work, csvFolder).RunAsync(cancellationToken);
            return Judge(options, figures) ? 0 : 1;
        }
        finally
        {
            await server.DisposeAsync();
            if (!options.Keep) Directory.Delete(work, recursive: true);
            else Console.WriteLine($"kept {work}");
        }
    }

    private static bool Judge(EndToEndOptions options, EndToEndFigures f)
    {
        Console.WriteLine();
        Console.WriteLine($"== {options.Rows:N0} rows, {options.Runs} rounds (min / median), load average after: {CsvCopyBenchmark.LoadAverage()}");
        Console.WriteLine($"psql \\copy                {Seconds(f.Psql)}  cpu per 1M rows {PerMillion(f.Psql, options.Rows)}");
        var warm = Ratio("engine warm, staging off ", f.Warm, f.Psql, options.Rows, WarmTarget);
        var staged = Ratio("engine warm, staging on  ", f.StagingOn, f.Psql, options.Rows, StagingTarget);
        var cold = Ratio("engine cold, staging off ", f.Cold, f.Psql, options.Rows, ColdTarget);
        var cpuRatio = EndToEndFigures.Median(f.Warm.Select(s => s.TotalCpu)) / EndToEndFigures.Median(f.Psql.Select(s => s.TotalCpu));
        var cpu = cpuRatio <= CpuTarget;
        Console.WriteLine($"CPU (warm, staging off, median) engine web+server / psql+server = {cpuRatio:N2} (≤ {CpuTarget:N1}: {Met(cpu)})");
        var perPoll = EndToEndFigures.Median(f.PollCpu);
        var polls = EndToEndFigures.Median(f.Warm.Select(s => (double)s.Polls));
        var withoutPolls = EndToEndFigures.Median(f.Warm.Select(s => s.TotalCpu - s.Polls * perPoll)) / EndToEndFigures.Median(f.Psql.Select(s => s.TotalCpu));
        Console.WriteLine($"  of the web CPU, the client's run reads: median {polls:N0} per run × {perPoll * 1000:N2} ms (median per read, measured after the loads) ≈ {polls * perPoll:N2} s at most; " +
                          $"without them the ratio would be {withoutPolls:N2} at best (information: the target is judged on the whole process; a read in the otherwise idle process also pays the thread pool's wait for work, " +
                          "which a read during a load, with the pool busy, mostly does not)");
        var pickup = EndToEndFigures.Median(f.PickupMedians);
        var pickupMet = pickup <= PickupTargetSeconds;
        Console.WriteLine($"pickup queued→started, median of {options.Presses} presses per round: min {f.PickupMedians.Min() * 1000:N0} / median {pickup * 1000:N0} ms (≤ 100 ms: {Met(pickupMet)})");
        Console.WriteLine($"web process idle CPU ({options.IdleSeconds:N0} s after the presses): min {f.IdleCpuShares.Min():P1} / median {EndToEndFigures.Median(f.IdleCpuShares):P1} of one core");
        Console.WriteLine($"web process peak RSS: min {CsvCopyBenchmark.Mb(f.PeakRss.Min())} / max {CsvCopyBenchmark.Mb(f.PeakRss.Max())}; ready (/healthz) after {f.ReadySeconds.Min():N2} / {EndToEndFigures.Median(f.ReadySeconds):N2} s");
        Console.WriteLine("ratio = psql wall ÷ engine wall (above 1: the engine is faster). Engine wall = Run now POST → " +
                          $"{EtlApiClient.Following(options.PollInterval)} with Succeeded; psql wall = the whole psql process. cold = first run of a fresh web process, pressed --settle seconds after /healthz answered.");
        Console.WriteLine("CPU: web = the whole web process during the run (Hangfire, EF bookkeeping, progress included); server = the whole PostgreSQL cluster " +
                          "(the app's configuration database and Hangfire storage live on it too). The peak RSS of the web process includes the portal and runtime.");
        return warm && staged && cold && cpu && pickupMet;
    }

    private static bool Ratio(string label, List<LoadSample> engine, List<LoadSample> psql, long rows, double target)
    {
        var best = Best(psql).WallSeconds / Best(engine).WallSeconds;
        var median = EndToEndFigures.Median(psql.Select(s => s.WallSeconds)) / EndToEndFigures.Median(engine.Select(s => s.WallSeconds));
        var met = best >= target;
        Console.WriteLine($"{label}{Seconds(engine)}  ratio best {best:N2} / median {median:N2} (≥ {target:N1}: {Met(met)})  cpu per 1M rows {PerMillion(engine, rows)}  " +
                          $"queued→started median {EndToEndFigures.Median(engine.Select(s => s.PickupSeconds)) * 1000:N0} ms, started→ended median {EndToEndFigures.Median(engine.Select(s => s.RunSeconds)):N2} s");
        return met;
    }

    private static LoadSample Best(List<LoadSample> samples) => samples.MinBy(s => s.WallSeconds)!;

    private static string Seconds(List<LoadSample> samples) =>
        $"{samples.Min(s => s.WallSeconds),6:N2} / {EndToEndFigures.Median(samples.Select(s => s.WallSeconds)),6:N2} s";

    private static string PerMillion(List<LoadSample> samples, long rows)
    {
        double Per(double cpu) => cpu * 1_000_000 / rows;
        return $"client {Per(EndToEndFigures.Median(samples.Select(s => s.ClientCpu))):N2} s + server {Per(EndToEndFigures.Median(samples.Select(s => s.ServerCpu))):N2} s (medians)";
    }

    private static string Met(bool met) => met ? "met" : "MISSED";
}
