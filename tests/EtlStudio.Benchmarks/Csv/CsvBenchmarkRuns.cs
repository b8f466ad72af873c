using EtlStudio.Testing;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>One measured load.</summary>
internal sealed record LoadFigure(double Seconds, long Rows, long PeakWorkingSet, double ClientCpu = 0, double ServerCpu = 0)
{
    public string Cpu => $"cpu client {ClientCpu:N2} s + server {ServerCpu:N2} s";

    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>The best figure of each kind.</summary>
/// <param name="EngineCold">Staging off, first load of a fresh process (JIT compilation included).</param>
/// <param name="EngineOff">Staging off, after a warm-up load in the same process (a long-running server's state).</param>
/// <param name="EngineOn">Staging on, warmed up likewise.</param>
internal sealed record CsvBenchmarkResults(LoadFigure Psql, LoadFigure EngineCold, LoadFigure EngineOff, LoadFigure EngineOn);

/// <summary>Runs psql, engine cold (staging off), engine warm (staging off) and engine warm (staging on) in turn, <see cref="CsvBenchmarkOptions.Runs"/>
/// times, interleaved so that a burst of load from other processes does not favour one side; each load starts from an
/// empty table and its row count is checked.</summary>
internal sealed class CsvBenchmarkRuns(PostgresServer server, CsvBenchmarkOptions options, string csv, string work)
{
    private const string EngineTable = "orders_engine";
    private const string PsqlTable = "orders_psql";
    private const long CellCheckMaxRows = 2_000_000;
    private CpuMeter? _cpu;

    public async Task<CsvBenchmarkResults> RunAsync(CancellationToken cancellationToken)
    {
        var database = $"bench_{options.Rows}";
        await using (var admin = new Npgsql.NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var cs = server.ConnectionStringFor(database);
        await BenchmarkTables.CreateAsync(cs, EngineTable, cancellationToken);
        await BenchmarkTables.CreateAsync(cs, PsqlTable, cancellationToken);
        _cpu = CpuMeter.ForServerOnPort(server.Port);
        var warmUp = await WarmUpFileAsync(cancellationToken);
        LoadFigure? psql = null, cold = null, off = null, on = null;
        for (var run = 1; run <= options.Runs; run++)
        {
            psql = Best(psql, await PsqlAsync(database, run, cancellationToken));
            cold = Best(cold, await EngineAsync(cs, staged: false, warmUp: null, run, cancellationToken));
            off = Best(off, await EngineAsync(cs, staged: false, warmUp, run, cancellationToken));
            on = Best(on, await EngineAsync(cs, staged: true, warmUp, run, cancellationToken));
        }
        if (options.Rows <= CellCheckMaxRows)
        {
            var difference = await BenchmarkTables.DifferenceAsync(cs, EngineTable, PsqlTable, cancellationToken);
            Console.WriteLine($"cell check: {difference} rows differ between the engine's and psql's table");
            if (difference != 0) throw new InvalidOperationException("the engine loaded different cells than psql");
        }
        else
        {
            Console.WriteLine($"cell check skipped above {CellCheckMaxRows:N0} rows (row counts were checked)");
        }
        return new CsvBenchmarkResults(psql!, cold!, off!, on!);
    }

    private async Task<LoadFigure> PsqlAsync(string database, int run, CancellationToken cancellationToken)
    {
        var cs = server.ConnectionStringFor(database);
        await BenchmarkTables.TruncateAsync(cs, PsqlTable, cancellationToken);
        var before = await SettledCpuAsync(cancellationToken);
        var elapsed = await PsqlCopy.RunAsync(server.Port, database, PsqlTable, csv, cancellationToken);
        var after = await SettledCpuAsync(cancellationToken);
        var figure = new LoadFigure(elapsed.TotalSeconds, await CheckCountAsync(cs, PsqlTable, cancellationToken), 0, after.Client - before.Client, after.Server - before.Server);
        Console.WriteLine($"run {run} psql \\copy:                   {figure.Seconds,7:N2} s {figure.RowsPerSecond,12:N0} rows/s   {figure.Cpu}  load {CsvCopyBenchmark.LoadAverage()}");
        return figure;
    }

    /// <summary>The same generator's first rows, in a folder of its own (the flow's source is a folder + pattern).</summary>
    private async Task<string?> WarmUpFileAsync(CancellationToken cancellationToken)
    {
        if (options.WarmUpRows == 0) return null;
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(work, "warm-up")).FullName, "orders.csv");
        await BenchmarkCsvFile.WriteAsync(path, options.WarmUpRows, cancellationToken);
        return path;
    }

    private async Task<LoadFigure> EngineAsync(string cs, bool staged, string? warmUp, int run, CancellationToken cancellationToken)
    {
        await BenchmarkTables.TruncateAsync(cs, EngineTable, cancellationToken);
        var staging = staged ? Directory.CreateDirectory(Path.Combine(work, $"staging-{run}")).FullName : null;
        try
        {
            var before = await SettledCpuAsync(cancellationToken);
            var report = await EngineLoad.RunChildAsync(csv, warmUp, cs, EngineTable, staging, options.BatchSize, cancellationToken);
            var after = await SettledCpuAsync(cancellationToken);
            if (report.Error is not null) throw new InvalidOperationException($"the engine run failed: {report.Error}");
            await CheckCountAsync(cs, EngineTable, cancellationToken);
            // Client CPU is the child's own count over the measured load (start-up and warm-up excluded); the server's
            // share is the backend's for the whole child, warm-up included (its 10% is visible next to the cold figure).
            var figure = new LoadFigure(report.Seconds, report.RowsWritten, report.PeakWorkingSet, report.CpuSeconds - report.StartupCpuSeconds, after.Server - before.Server);
            var steps = string.Join(' ', report.StepSeconds.Select(s => $"{s.Key}={s.Value:N2}"));
            var kind = (staged ? "on, " : "off,") + (warmUp is null ? " cold" : " warm");
            Console.WriteLine($"run {run} engine staging {kind}: {figure.Seconds,7:N2} s {figure.RowsPerSecond,12:N0} rows/s   peak {CsvCopyBenchmark.Mb(report.PeakWorkingSet)}  {figure.Cpu} (process total {after.Client - before.Client:N2} s, of which {report.StartupCpuSeconds:N2} s before the measured load)  " +
                              $"alloc {CsvCopyBenchmark.Mb(report.AllocatedBytes)}  GC {report.Gen0}/{report.Gen1}/{report.Gen2} ({report.Runtime})  steps {steps}  load {CsvCopyBenchmark.LoadAverage()}");
            return figure;
        }
        finally
        {
            if (staging is not null) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Samples once the last load's backend has exited and been reaped, so its CPU is counted.</summary>
    private async Task<(double Client, double Server)> SettledCpuAsync(CancellationToken cancellationToken)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Task.Delay(300, cancellationToken);
        return _cpu!.Sample();
    }

    private async Task<long> CheckCountAsync(string cs, string table, CancellationToken cancellationToken)
    {
        var count = await BenchmarkTables.CountAsync(cs, table, cancellationToken);
        if (count != options.Rows) throw new InvalidOperationException($"{table} holds {count:N0} rows, expected {options.Rows:N0}");
        return count;
    }

    private static LoadFigure Best(LoadFigure? best, LoadFigure next) => best is null || next.Seconds < best.Seconds ? next : best;
}
