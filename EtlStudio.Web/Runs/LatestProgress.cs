using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>Keeps the engine's latest progress report for a heartbeat to write (a partition has no live page of its own:
/// the run's page reads the summed record).</summary>
internal sealed class LatestProgress : IProgress<RunProgress>
{
    private readonly Lock _gate = new();
    private RunProgress _latest = new(RunStep.Extract, 0, 0, 0);

    public RunProgress Latest
    {
        get { lock (_gate) return _latest; }
    }

    public void Report(RunProgress value)
    {
        lock (_gate) _latest = value;
    }
}
