namespace EtlStudio.Web.Runs;

/// <summary>Runs beside a loading partition: writes its heartbeat and counts (and the run's summed counts) every
/// heartbeat interval and cancels the partition when Cancel was requested on the run, from any instance.</summary>
internal sealed class PartitionWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PartitionWatch(PartitionStore store, LatestProgress progress, long partitionId, Guid runId, string executor, CancellationTokenSource cancel,
        TimeSpan interval, ILogger logger)
    {
        _loop = LoopAsync(store, progress, partitionId, runId, executor, cancel, interval, logger);
    }

    private async Task LoopAsync(PartitionStore store, LatestProgress progress, long partitionId, Guid runId, string executor, CancellationTokenSource cancel,
        TimeSpan interval, ILogger logger)
    {
        var stop = _stop.Token;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (await store.HeartbeatAsync(partitionId, runId, executor, PartitionCounts.From(progress.Latest, 0), stop)) await cancel.CancelAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The configuration database blinked; the next tick tries again.
                    RuntimeLog.HeartbeatFailed(logger, runId, e);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
