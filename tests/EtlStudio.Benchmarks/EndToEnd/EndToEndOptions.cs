using System.Globalization;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>Command line of the <c>e2e</c> benchmark.</summary>
/// <param name="Rows">Rows in the generated CSV.</param>
/// <param name="Runs">Rounds; each starts a fresh web process (so each has one cold run).</param>
/// <param name="Presses">Run now presses of a one-row flow per round, for the pickup latency.</param>
/// <param name="Keep">Keep the work folder (CSV, the app's key ring and staging).</param>
/// <param name="WebApp">The web app's dll: the build output by default, or a published folder's (ReadyToRun, say).</param>
/// <param name="SettleSeconds">Idle time between /healthz answering and the cold press (a user rarely presses at once).</param>
/// <param name="Storage">The app's configuration database and Hangfire storage: <c>postgresql</c> (on the throwaway
/// cluster) or <c>sqlite</c> (the app's default, a file in the work folder). The loads' destination is PostgreSQL either way.</param>
/// <param name="IdleSeconds">After the presses: how long the web process's idle CPU is measured.</param>
/// <param name="PollInterval">Null: the client follows a run with reads that wait for its end (one or two per run);
/// else plain reads this far apart (<c>--poll-ms</c>, e.g. 20 as the figures before 2026-12-07 06:00 were measured).</param>
internal readonly record struct EndToEndOptions(long Rows, int Runs, int Presses, bool Keep, string WebApp, double SettleSeconds, string Storage, double IdleSeconds,
    TimeSpan? PollInterval)
{
    public const string Usage = "e2e [--rows 1000000] [--runs 3] [--presses 10] [--settle 5] [--storage postgresql|sqlite] [--idle 10] [--poll-ms N] [--web path/EtlStudio.Web.dll] [--keep]";

    public static EndToEndOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EndToEndOptions(1_000_000, 3, 10, false, RepoPaths.WebApp, 5, "postgresql", 10, null);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = long.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--presses" => options with { Presses = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--keep" => options with { Keep = true },
                "--web" => options with { WebApp = Path.GetFullPath(args[++i]) },
                "--settle" => options with { SettleSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--storage" => options with { Storage = args[++i] is "postgresql" or "sqlite" ? args[i] : throw new ArgumentException($"--storage is postgresql or sqlite, not '{args[i]}'") },
                "--idle" => options with { IdleSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--poll-ms" => options with { PollInterval = TimeSpan.FromMilliseconds(int.Parse(args[++i], CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown option '{args[i]}' ({Usage})"),
            };
        }
        if (options.Rows < 1 || options.Runs < 1 || options.Presses < 1 || options.SettleSeconds < 0 || options.IdleSeconds <= 0 || options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("--rows, --runs, --presses, --idle and --poll-ms must be positive, --settle not negative");
        }
        return options;
    }
}
