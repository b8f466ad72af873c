using Hangfire.Storage;
using Hangfire.Storage.SQLite;

namespace EtlStudio.Web.Scheduling;

/// <summary>Hangfire.Storage.SQLite whose connections wake this process's idle workers when this process enqueues
/// (<see cref="QueueWakeUp"/>); the queue poll stays the way jobs of other processes are found.</summary>
internal sealed class WakingSqliteStorage : SQLiteStorage
{
    private readonly SQLiteStorageOptions _options;
    private readonly QueueWakeUp _wakeUp = new();

    public WakingSqliteStorage(string databasePath, SQLiteStorageOptions options) : base(databasePath, options) => _options = options;

    public override IStorageConnection GetConnection() => new WakingSqliteConnection(CreateAndOpenConnection(), _options, QueueProviders, _wakeUp);
}
