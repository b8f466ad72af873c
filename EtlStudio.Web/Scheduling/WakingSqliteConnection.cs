using Hangfire.Storage;
using Hangfire.Storage.SQLite;

namespace EtlStudio.Web.Scheduling;

/// <summary>A worker's fetch that also ends its poll wait when this process enqueues; its transactions signal that.</summary>
internal sealed class WakingSqliteConnection : HangfireSQLiteConnection
{
    private readonly PersistentJobQueueProviderCollection _queueProviders;
    private readonly QueueWakeUp _wakeUp;

    public WakingSqliteConnection(HangfireDbContext database, SQLiteStorageOptions options, PersistentJobQueueProviderCollection queueProviders, QueueWakeUp wakeUp)
        : base(database, options, queueProviders)
    {
        _queueProviders = queueProviders;
        _wakeUp = wakeUp;
    }

    public override IWriteOnlyTransaction CreateWriteTransaction() => new WakingSqliteTransaction(DbContext, _queueProviders, _wakeUp);

    public override IFetchedJob FetchNextJob(string[] queues, CancellationToken cancellationToken)
    {
        while (true)
        {
            // SQLiteJobQueue.Dequeue (0.4.3) observes the token only before it looks at the queues and after its poll
            // wait, never between taking a job and returning it, so a wake-up cannot lose a fetched job.
            using var woken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _wakeUp.Token);
            try
            {
                return base.FetchNextJob(queues, woken.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Woken: look at the queues again.
            }
        }
    }
}
