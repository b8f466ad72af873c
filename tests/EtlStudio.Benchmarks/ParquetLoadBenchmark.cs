using EtlStudio.Benchmarks.Csv;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks;

/// <summary>The csv benchmark's generated 12-column data, written to Parquet by DuckDB, loaded into PostgreSQL by the
/// engine beside the same data as CSV (each load in a child process, so its peak working set is its own); the two
/// tables must agree cell for cell.</summary>
internal sealed class ParquetLoadBenchmark : IBenchmark
{
    public string Name => "parquet";

    public string Description => "engine load of the csv benchmark's data as Parquet vs as CSV into PostgreSQL [--rows 1000000] [--runs 1]; " +
                                  "[--size-gb 1]: only a generated Parquet file of about that size (peak RSS of the engine)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sizeAt = Array.IndexOf(args, "--size-gb");
        if (sizeAt >= 0)
        {
            var gigabytes = double.Parse(args[sizeAt + 1], System.Globalization.CultureInfo.InvariantCulture);
            return await ParquetSizeLoad.RunAsync(gigabytes, CsvBenchmarkOptions.Parse([.. args[..sizeAt], .. args[(sizeAt + 2)..]]), cancellationToken);
        }
        var options = CsvBenchmarkOptions.Parse(args);
        var server = new PostgresServer();
        var work = Directory.CreateTempSubdirectory("etl-parquetbench.").FullName;
        try
        {
            Console.WriteLine($"load average before: {CsvCopyBenchmark.LoadAverage()}  cores: {Environment.ProcessorCount}");
            await server.InitializeAsync();
            var csv = Path.Combine(work, "orders.csv");
            var parquet = Path.Combine(work, "orders.parquet");
            await BenchmarkCsvFile.WriteAsync(csv, options.Rows, cancellationToken);
            ParquetCopy.FromBenchmarkCsv(csv, parquet);
            Console.WriteLine($"{options.Rows:N0} rows: CSV {CsvCopyBenchmark.Mb(new FileInfo(csv).Length)}, Parquet {CsvCopyBenchmark.Mb(new FileInfo(parquet).Length)}");
            var connection = await server.CreateDatabaseAsync("parquetbench");
            EngineLoadReport? bestCsv = null, bestParquet = null;
            for (var run = 0; run < options.Runs; run++)
            {
                bestCsv = Best(bestCsv, await LoadAsync(csv, connection, "from_csv", options.BatchSize, cancellationToken));
                bestParquet = Best(bestParquet, await LoadAsync(parquet, connection, "from_parquet", options.BatchSize, cancellationToken));
            }
            var differing = await BenchmarkTables.DifferenceAsync(connection, "from_csv", "from_parquet", cancellationToken);
            Console.WriteLine($"== best of {options.Runs}, load average after: {CsvCopyBenchmark.LoadAverage()}");
            Print("engine, CSV     ", bestCsv!);
            Print("engine, Parquet ", bestParquet!);
            Console.WriteLine($"Parquet/CSV rows/s: {Rate(bestParquet!) / Rate(bestCsv!):N2}; rows differing between the two tables: {differing}");
            return differing == 0 && bestParquet!.Error is null && bestCsv!.Error is null ? 0 : 1;
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<EngineLoadReport> LoadAsync(string file, string connection, string table, int batchSize, CancellationToken cancellationToken)
    {
        await BenchmarkTables.CreateAsync(connection, table, cancellationToken);
        return await EngineLoad.RunChildAsync(file, null, connection, table, null, batchSize, cancellationToken);
    }

    private static double Rate(EngineLoadReport r) => r.RowsWritten / r.Seconds;

    private static EngineLoadReport Best(EngineLoadReport? best, EngineLoadReport next) => best is null || Rate(next) > Rate(best) ? next : best;

    private static void Print(string label, EngineLoadReport r) =>
        Console.WriteLine($"{label} {Rate(r),12:N0} rows/s  ({r.Seconds:N2} s, cpu {r.CpuSeconds:N1} s)  peak working set {CsvCopyBenchmark.Mb(r.PeakWorkingSet)}{(r.Error is null ? "" : "  ERROR " + r.Error)}");
}
