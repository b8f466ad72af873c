using System.Diagnostics;
using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Benchmarks;

/// <summary><c>preview [rows] [iterations]</c>: the designer's "preview column mapping on sample data" — a CSV file of
/// 1,000 rows × 20 columns read from a local folder, parsed and mapped through <see cref="FlowPreview"/> (the same
/// source, parser and row mapper as a run). Reports median and p95 server time; the target is a median under 200 ms.</summary>
internal sealed class PreviewBenchmark : IBenchmark
{
    private const double TargetMs = 200;
    private static readonly ColumnType[] Types =
        [ColumnType.Int, ColumnType.String, ColumnType.Decimal, ColumnType.Date, ColumnType.DateTime, ColumnType.Bool, ColumnType.Long, ColumnType.Double, ColumnType.Guid, ColumnType.String];

    public string Name => "preview";

    public string Description => "designer preview: 1,000 rows x 20 columns through source, parser and mapper (target median < 200 ms)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : FlowPreview.MaxRows;
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var folder = Directory.CreateTempSubdirectory("etlstudio-preview-bench.").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "sample.csv"), Csv(rows, seed: 42), cancellationToken);
            await using var services = new ServiceCollection().AddLogging().AddEtlSources().Services.BuildServiceProvider();
            var preview = new FlowPreview(services.GetRequiredService<ISourceFactory>());
            var source = new FileSourceDefinition { Location = folder, Pattern = "*.csv" };
            var parse = new ParseDefinition();
            var columns = Enumerable.Range(0, 20).Select(c => new ColumnMap
            {
                SourceField = $"field_{c}", TargetColumn = $"column_{c}", Type = Types[c % Types.Length],
                Precision = Types[c % Types.Length] == ColumnType.Decimal ? 12 : null, Scale = Types[c % Types.Length] == ColumnType.Decimal ? 2 : null,
            }).ToList();

            for (var i = 0; i < 5; i++) await preview.RunAsync(source, parse, columns, rows, cancellationToken);
            var times = new List<double>(iterations);
            PreviewResult? last = null;
            for (var i = 0; i < iterations; i++)
            {
                var start = Stopwatch.GetTimestamp();
                last = await preview.RunAsync(source, parse, columns, rows, cancellationToken);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            times.Sort();
            var median = times[times.Count / 2];
            var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
            Console.WriteLine($"preview: {last!.Rows.Count} rows x {columns.Count} columns, {last.RejectedRows} rejected (expected {rows / 100}), {iterations} iterations");
            Console.WriteLine($"preview: median {median:0.0} ms, p95 {p95:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms (target median < {TargetMs} ms)");
            if (last.Error is not null) Console.WriteLine($"preview: source error {last.Error}");
            return median < TargetMs && last.Rows.Count == rows && last.Error is null ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Values of every column type, with one bad decimal per hundred rows so the error path is measured too.</summary>
    private static string Csv(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, 20).Select(c => $"field_{c}")).Append('\n');
        for (var r = 1; r <= rows; r++)
        {
            for (var c = 0; c < 20; c++)
            {
                if (c > 0) text.Append(',');
                text.Append(Types[c % Types.Length] switch
                {
                    ColumnType.Int => random.Next(-1_000_000, 1_000_000).ToString(CultureInfo.InvariantCulture),
                    ColumnType.Decimal => c == 2 && r % 100 == 0 ? "n/a" : (random.Next(0, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture),
                    ColumnType.Date => new DateOnly(2024, 1, 1).AddDays(random.Next(0, 700)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ColumnType.DateTime => new DateTime(2024, 1, 1).AddSeconds(random.Next(0, 60_000_000)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ColumnType.Bool => random.Next(2) == 0 ? "true" : "false",
                    ColumnType.Long => random.NextInt64().ToString(CultureInfo.InvariantCulture),
                    ColumnType.Double => (random.NextDouble() * 1000).ToString("R", CultureInfo.InvariantCulture),
                    ColumnType.Guid => new Guid(random.NextBytes16()).ToString(),
                    _ => $"\"text {r}-{c}, quoted\"",
                });
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}

internal static class RandomBytes
{
    public static byte[] NextBytes16(this Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
