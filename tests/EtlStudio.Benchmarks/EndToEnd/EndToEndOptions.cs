using System.Globalization;

namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>Command line of the <c>e2e</c> benchmark.</summary>
/// <param name="Rows">Rows in the generated CSV.</param>
/// <param name="Runs">Rounds; each starts a fresh web process (so each has one cold run).</param>
/// <param name="Presses">Run now presses of a one-row flow per round, for the pickup latency.</param>
/// <param name="Keep">Keep the work folder (CSV, the app's key ring and staging).</param>
internal readonly record struct EndToEndOptions(long Rows, int Runs, int Presses, bool Keep)
{
    public const string Usage = "e2e [--rows 1000000] [--runs 3] [--presses 10] [--keep]";

    public static EndToEndOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EndToEndOptions(1_000_000, 3, 10, false);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = long.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--presses" => options with { Presses = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"unknown option '{args[i]}' ({Usage})"),
            };
        }
        if (options.Rows < 1 || options.Runs < 1 || options.Presses < 1) throw new ArgumentException("--rows, --runs and --presses must be positive");
        return options;
    }
}
