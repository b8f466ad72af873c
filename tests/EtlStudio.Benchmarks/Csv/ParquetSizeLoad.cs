using System.Globalization;
using DuckDB.NET.Data;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks.Csv;

/// <summary><c>parquet --size-gb N</c>: the engine's peak working set loading one Parquet file of about N GiB. The file
/// is generated once into a temporary folder (deleted after): <c>--rows</c> rows of the csv benchmark's data written by
/// DuckDB, repeated with shifted order ids until the Parquet file reaches the size; each copy fills row groups of its
/// own, so the file is as large as that many distinct rows would make it.</summary>
internal static class ParquetSizeLoad
{
    private const string Table = "from_big_parquet";

    public static async Task<int> RunAsync(double gigabytes, CsvBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var server = new PostgresServer();
        var work = Directory.CreateTempSubdirectory("etl-parquetsize.").FullName;
        try
        {
            Console.WriteLine($"load average before: {CsvCopyBenchmark.LoadAverage()}  cores: {Environment.ProcessorCount}");
            var (parquet, rows) = await GenerateAsync(work, gigabytes, options.Rows, cancellationToken);
            await server.InitializeAsync();
            var connection = await server.CreateDatabaseAsync("parquetsize");
            var ok = true;
            for (var run = 1; run <= options.Runs; run++)
            {
                await BenchmarkTables.CreateAsync(connection, Table, cancellationToken);
                var r = await EngineLoad.RunChildAsync(parquet, null, connection, Table, null, options.BatchSize, cancellationToken);
                var count = await BenchmarkTables.CountAsync(connection, Table, cancellationToken);
                ok &= r.Error is null && count == rows;
                Console.WriteLine($"run {run}: {r.RowsWritten:N0} rows written ({count:N0} in the table, {rows:N0} expected) in {r.Seconds:N1} s = {r.RowsWritten / r.Seconds:N0} rows/s, " +
                                  $"cpu {r.CpuSeconds:N1} s, peak working set of the engine {CsvCopyBenchmark.Mb(r.PeakWorkingSet)}, GC {r.Gen0}/{r.Gen1}/{r.Gen2}{(r.Error is null ? "" : "  ERROR " + r.Error)}  load {CsvCopyBenchmark.LoadAverage()}");
            }
            return ok ? 0 : 1;
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(string Path, long Rows)> GenerateAsync(string work, double gigabytes, long seedRows, CancellationToken cancellationToken)
    {
        var csv = Path.Combine(work, "seed.csv");
        var seed = Path.Combine(work, "seed.parquet");
        await BenchmarkCsvFile.WriteAsync(csv, seedRows, cancellationToken);
        ParquetCopy.FromBenchmarkCsv(csv, seed);
        File.Delete(csv);
        var copies = Math.Max(1, (long)Math.Ceiling(gigabytes * 1024 * 1024 * 1024 / new FileInfo(seed).Length));
        var big = Path.Combine(Directory.CreateDirectory(Path.Combine(work, "big")).FullName, "orders.parquet");
        var started = System.Diagnostics.Stopwatch.StartNew();
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // OrderId shifted per copy keeps rows distinct; ORDER BY copy keeps each copy's rows together.
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                SET TimeZone = 'UTC';
                SET preserve_insertion_order = true;
                COPY (SELECT * REPLACE (OrderId + CAST(copy.range * {seedRows} AS INTEGER) AS OrderId)
                      FROM range({copies}) AS copy, read_parquet('{seed}') ORDER BY copy.range, OrderId) TO '{big}' (FORMAT parquet)
                """);
            command.ExecuteNonQuery();
        }
        File.Delete(seed);
        var rows = seedRows * copies;
        Console.WriteLine($"generated {CsvCopyBenchmark.Mb(new FileInfo(big).Length)} Parquet, {rows:N0} rows ({copies} × {seedRows:N0}) in {started.Elapsed.TotalSeconds:N0} s: {big}");
        return (big, rows);
    }
}
