using System.Collections.Immutable;

namespace EtlStudio.Web.Runs;

/// <summary>In-process fan-out of run updates. Publishing never waits for subscribers: a slow or failing page must not
/// slow a load down.</summary>
internal sealed partial class RunProgressNotifier(ILogger<RunProgressNotifier> logger) : IRunProgressNotifier
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<Guid, ImmutableList<Func<RunUpdate, Task>>> _byRun = ImmutableDictionary<Guid, ImmutableList<Func<RunUpdate, Task>>>.Empty;
    private ImmutableList<Func<RunUpdate, Task>> _all = [];

    public IDisposable Subscribe(Guid runId, Func<RunUpdate, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate) _byRun = _byRun.SetItem(runId, _byRun.GetValueOrDefault(runId, []).Add(handler));
        return new Subscription(() =>
        {
            lock (_gate)
            {
                var left = _byRun.GetValueOrDefault(runId, []).Remove(handler);
                _byRun = left.IsEmpty ? _byRun.Remove(runId) : _byRun.SetItem(runId, left);
            }
        });
    }

    public IDisposable SubscribeAll(Func<RunUpdate, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate) _all = _all.Add(handler);
        return new Subscription(() => { lock (_gate) _all = _all.Remove(handler); });
    }

    public void Publish(RunUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var handler in _byRun.GetValueOrDefault(update.RunId, []).Concat(_all))
        {
            _ = InvokeAsync(handler, update);
        }
    }

    private async Task InvokeAsync(Func<RunUpdate, Task> handler, RunUpdate update)
    {
        try
        {
            await handler(update);
        }
        catch (Exception e)
        {
            LogSubscriberFailed(logger, update.RunId, e);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "A subscriber to updates of run {RunId} failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Guid runId, Exception exception);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
