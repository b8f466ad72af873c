using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Holds a caller until a run has ended, the way the portal's progress panel follows a run: woken by the
/// updates of runs executing on this instance, and re-reading the run's status every
/// <see cref="RunDetailData.RereadInterval"/> for runs executing on another instance.</summary>
internal sealed class RunEndWait(IRunProgressNotifier notifier, IDbContextFactory<EtlDbContext> contexts, TimeProvider clock, IHostApplicationLifetime lifetime)
{
    /// <summary>True when the run has ended (or there is no such run: at once); false when <paramref name="timeout"/>
    /// passed, or the app began to stop (a waiting read must not hold its shutdown), with the run still going.</summary>
    public async Task<bool> UntilEndedAsync(Guid runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Subscribed before the first read, so an end published in between is not missed. Updates are published after
        // the run's record is written, so the re-read after a wake-up sees what woke it.
        using var subscription = notifier.Subscribe(runId, update =>
        {
            if (update.Status.HasEnded()) ended.TrySetResult();
            return Task.CompletedTask;
        });
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, lifetime.ApplicationStopping, cancellationToken);
        try
        {
            while (!await HasEndedAsync(runId, cancellationToken))
            {
                try
                {
                    await ended.Task.WaitAsync(RunDetailData.RereadInterval, clock, waiting.Token);
                }
                catch (TimeoutException)
                {
                    // Time to re-read: the run may be executing on another instance.
                }
            }
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out, or stopping, with the run still going: the caller answers with the run as it stands.
            return false;
        }
    }

    private async Task<bool> HasEndedAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var status = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => (RunStatus?)r.Status).FirstOrDefaultAsync(cancellationToken);
        return status is not { } s || s.HasEnded();
    }
}
