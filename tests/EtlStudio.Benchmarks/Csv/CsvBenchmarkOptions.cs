using System.Globalization;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>Command line of the <c>csv</c> benchmark.</summary>
/// <param name="Rows">Rows in the generated file of the pass being run (the first of <paramref name="Sizes"/> until
/// the benchmark sets another).</param>
/// <param name="Runs">Measurements of each kind; the best one counts (the machine is shared).</param>
/// <param name="Keep">Keep the generated file and the database cluster's tables (the cluster itself always stops).</param>
/// <param name="BatchSize">Engine batch size.</param>
/// <param name="WarmUpRows">Rows the engine child loads into a scratch table before its measured "warm" loads (0: none).</param>
/// <param name="Sizes">Every row count to measure (<c>--rows 1000000,10000000</c>), one pass each, so that the peak can
/// be compared across sizes.</param>
internal readonly record struct CsvBenchmarkOptions(long Rows, int Runs, bool Keep, int BatchSize, long WarmUpRows, IReadOnlyList<long> Sizes)
{
    public static CsvBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CsvBenchmarkOptions(1_000_000, 3, false, 10_000, 300_000, [1_000_000]);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--rows" => WithSizes(options, args[++i]),
                "--runs" => options with { Runs = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--batch" => options with { BatchSize = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--keep" => options with { Keep = true },
                "--warm-up" => options with { WarmUpRows = long.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option '{args[i]}' (csv [--rows N[,N…]] [--runs N] [--batch N] [--warm-up N] [--keep])"),
            };
        }
        if (options.Sizes.Any(rows => rows < 1) || options.Runs < 1 || options.BatchSize < 1 || options.WarmUpRows < 0) throw new ArgumentException("--rows, --runs and --batch must be positive");
        return options;
    }

    private static CsvBenchmarkOptions WithSizes(CsvBenchmarkOptions options, string list)
    {
        var sizes = list.Split(',').Select(n => long.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return options with { Rows = sizes[0], Sizes = sizes };
    }
}
