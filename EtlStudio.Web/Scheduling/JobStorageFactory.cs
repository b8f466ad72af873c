using EtlStudio.Data;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Scheduling;

/// <summary>Hangfire's storage next to the configuration database, so one backup and one server hold everything.</summary>
/// <remarks>SQLite gets Hangfire.Storage.SQLite in its own file (<c>Hangfire:SqliteFile</c>), not Hangfire.InMemory:
/// schedules and queued runs must survive a restart, and its writers must not contend with the configuration
/// database's. It polls for work; an enqueue by this process also wakes this process's workers (<see cref="QueueWakeUp"/>).
/// PostgreSQL is woken by LISTEN/NOTIFY and SQL Server (poll interval zero) by its own in-process signal plus short
/// polls, so their pickup does not wait for a poll.</remarks>
internal static class JobStorageFactory
{
    /// <summary>How long a job fetched by an instance that died stays invisible before another instance takes it. The
    /// live fetcher keeps extending it (sliding), so a long job is never fetched twice while its instance lives; a dead
    /// instance's partition (<see cref="Runs.PartitionJob"/>) is taken over within this time. Runs themselves are not
    /// re-executed (the job finds them no longer Queued).</summary>
    internal static readonly TimeSpan RedeliverAfter = TimeSpan.FromMinutes(1);

    public static JobStorage Create(IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var options = services.GetRequiredService<IOptions<SchedulingOptions>>().Value;
        var queuePoll = TimeSpan.FromSeconds(options.QueuePollSeconds);
        return database.Provider switch
        {
            ConfigDatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
            {
                SchemaName = options.Schema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.Zero,
                SlidingInvisibilityTimeout = RedeliverAfter,
                UseRecommendedIsolationLevel = true,
                DisableGlobalLocks = true,
            }),
            ConfigDatabaseProvider.PostgreSql => Postgres(database.ConnectionString!, new PostgreSqlStorageOptions
            {
                SchemaName = options.Schema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = queuePoll,
                // LISTEN/NOTIFY: an enqueue on any instance wakes the idle workers of every instance at once, so Run now
                // starts without waiting for the next poll; the poll stays as the fallback (issue #14, pickup latency).
                EnableLongPolling = true,
                // A run is re-delivered only when its server died: a long flow must not be fetched twice.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = RedeliverAfter,
            }),
            // The poll finds jobs of other processes; this process's own enqueues wake its workers at once.
            _ => new WakingSqliteStorage(SqliteFile(services, options, database), new SQLiteStorageOptions { QueuePollInterval = queuePoll }),
        };
    }

    private static PostgreSqlStorage Postgres(string connectionString, PostgreSqlStorageOptions options) =>
        new(new NpgsqlConnectionFactory(connectionString, options), options);

    /// <summary>Hangfire's file: as configured, else beside the configuration database (so a test or a second
    /// installation with its own database never shares schedules), else under the content root.</summary>
    private static string SqliteFile(IServiceProvider services, SchedulingOptions options, DatabaseOptions database)
    {
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var configFile = new SqliteConnectionStringBuilder(database.ConnectionString ?? DatabaseOptions.DefaultSqliteConnectionString).DataSource;
        var file = options.SqliteFile is { } configured
            ? Path.GetFullPath(configured, root)
            : configFile is "" or ":memory:" || configFile.StartsWith("file:", StringComparison.Ordinal)
                ? Path.GetFullPath("data/hangfire.db", root)
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile, root))!, "hangfire.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }
}
