namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>One load: wall seconds (for the engine: Run now pressed → the poll saw Succeeded) and CPU seconds of the
/// client (psql, or the web process) and of the PostgreSQL cluster (its backends, the app's own bookkeeping included);
/// for the engine, how many times the client read the run until it saw the end.</summary>
internal sealed record LoadSample(double WallSeconds, double ClientCpu, double ServerCpu, double PickupSeconds = 0, double RunSeconds = 0, int Polls = 0)
{
    public double TotalCpu => ClientCpu + ServerCpu;
}

/// <summary>Every sample of every round, by kind, and the web process per round.</summary>
internal sealed class EndToEndFigures
{
    public List<LoadSample> Psql { get; } = [];
    public List<LoadSample> Cold { get; } = [];
    public List<LoadSample> Warm { get; } = [];
    public List<LoadSample> StagingOn { get; } = [];

    /// <summary>Median queued→started of each round's presses.</summary>
    public List<double> PickupMedians { get; } = [];

    /// <summary>CPU of the idle web process after each round's presses, as a share of one core.</summary>
    public List<double> IdleCpuShares { get; } = [];

    public List<long> PeakRss { get; } = [];

    /// <summary>Web process CPU seconds per run read (a poll), measured after each round's loads.</summary>
    public List<double> PollCpu { get; } = [];

    public List<double> ReadySeconds { get; } = [];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
