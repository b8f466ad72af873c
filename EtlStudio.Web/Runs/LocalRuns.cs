using System.Collections.Concurrent;

namespace EtlStudio.Web.Runs;

/// <summary>The runs executing in this process, so Cancel takes effect at once here; runs on other instances see the
/// run's <c>CancelRequested</c> flag within a poll interval.</summary>
internal sealed class LocalRuns
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public IDisposable Register(Guid runId, CancellationTokenSource cancellation)
    {
        _running[runId] = cancellation;
        return new Registration(this, runId);
    }

    /// <summary>True when the run executes here (it is then being cancelled).</summary>
    public bool TryCancel(Guid runId)
    {
        if (!_running.TryGetValue(runId, out var cancellation)) return false;
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Finished between the lookup and the cancel.
        }
        return true;
    }

    public bool IsRunningHere(Guid runId) => _running.ContainsKey(runId);

    private sealed class Registration(LocalRuns owner, Guid runId) : IDisposable
    {
        public void Dispose() => owner._running.TryRemove(runId, out _);
    }
}
