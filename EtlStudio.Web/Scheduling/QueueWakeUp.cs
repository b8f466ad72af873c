namespace EtlStudio.Web.Scheduling;

/// <summary>Wakes this process's idle Hangfire workers when this process enqueues a job: the in-process half of a
/// pickup that does not wait for the queue poll (issue #14, pickup latency) on a storage that only polls (SQLite).
/// Jobs enqueued by another process still wait for the poll.</summary>
internal sealed class QueueWakeUp
{
    private CancellationTokenSource _next = new();

    /// <summary>Cancelled by the next <see cref="Signal"/>. A waiter takes it before it looks at the queue, so an enqueue
    /// committed after that look still ends the wait.</summary>
    public CancellationToken Token => Volatile.Read(ref _next).Token;

    public void Signal()
    {
        var woken = Interlocked.Exchange(ref _next, new CancellationTokenSource());
        // Not disposed: a waiter may still be linking to its token; a source without a timer holds nothing to release.
        woken.Cancel();
    }
}
