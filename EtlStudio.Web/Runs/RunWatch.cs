using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Runs;

/// <summary>Runs beside an executing run: writes its heartbeat and counts every few seconds (and within a poll of each
/// committed batch) and polls its Cancel flag
/// every second, cancelling the run when the flag is set by an instance that does not execute it.</summary>
internal sealed class RunWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RunWatch(RunRecorder recorder, RunProgressTracker progress, Guid runId, CancellationTokenSource run, IOptions<RuntimeOptions> options, ILogger logger)
    {
        var o = options.Value;
        _loop = LoopAsync(recorder, progress, runId, run, TimeSpan.FromMilliseconds(o.CancelPollMilliseconds), TimeSpan.FromSeconds(o.HeartbeatSeconds), logger);
    }

    private async Task LoopAsync(RunRecorder recorder, RunProgressTracker progress, Guid runId, CancellationTokenSource run,
        TimeSpan poll, TimeSpan heartbeat, ILogger logger)
    {
        var stop = _stop.Token;
        var lastBeat = DateTime.UtcNow;
        var lastWritten = 0L;
        using var timer = new PeriodicTimer(poll);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    bool cancel;
                    var latest = progress.Latest;
                    // Committed counts go to the record as batches commit (within a poll), not only every heartbeat:
                    // a run killed a second later still says how many rows are in the table.
                    if (DateTime.UtcNow - lastBeat >= heartbeat || latest.RowsWritten != lastWritten)
                    {
                        cancel = await recorder.HeartbeatAsync(runId, latest, stop);
                        lastBeat = DateTime.UtcNow;
                        lastWritten = latest.RowsWritten;
                    }
                    else
                    {
                        cancel = await recorder.IsCancelRequestedAsync(runId, stop);
                    }
                    if (cancel) await run.CancelAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The configuration database blinked; the next tick tries again. A run without heartbeats for
                    // long is marked Abandoned, which is what it then is.
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
