using Hangfire.Storage.SQLite;

namespace EtlStudio.Web.Scheduling;

/// <summary>Signals <see cref="QueueWakeUp"/> once a transaction that enqueued a job has committed.</summary>
internal sealed class WakingSqliteTransaction(HangfireDbContext database, PersistentJobQueueProviderCollection queueProviders, QueueWakeUp wakeUp)
    : SQLiteWriteOnlyTransaction(database, queueProviders)
{
    private bool _enqueued;

    public override void AddToQueue(string queue, string jobId)
    {
        base.AddToQueue(queue, jobId);
        _enqueued = true;
    }

    public override void Commit()
    {
        base.Commit();
        if (_enqueued) wakeUp.Signal();
    }
}
