using System.Diagnostics;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>Receives the engine's progress (each step as it starts, then about once a second and once per loaded batch)
/// and hands it to live pages at most four times a second.</summary>
internal sealed class RunProgressTracker(IRunProgressNotifier notifier, Guid runId, int? flowId, DateTime startedUtc) : IProgress<RunProgress>
{
    private static readonly long Interval = Stopwatch.Frequency / 4;
    private long _lastPublished = long.MinValue / 2;
    private RunProgress _latest = new(RunStep.Extract, 0, 0, 0);
    private readonly Lock _gate = new();

    public RunProgress Latest
    {
        get { lock (_gate) return _latest; }
    }

    public void Report(RunProgress value)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _latest = value;
            if (now - _lastPublished < Interval) return;
            _lastPublished = now;
        }
        notifier.Publish(Update(RunStatus.Running, null, null));
    }

    public RunUpdate Update(RunStatus status, DateTime? endedUtc, string? error)
    {
        var p = Latest;
        return new RunUpdate(runId, flowId, status, p.Step.ToString(), p.RowsRead, p.RowsWritten, p.RowsRejected, startedUtc, endedUtc, error, p.RowsFiltered);
    }
}
