namespace EtlStudio.Web.Scheduling;

/// <summary>Section <c>Hangfire</c>: the job server. Its storage follows <c>Database:Provider</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Hangfire";

    /// <summary>SQLite only: Hangfire's own database file, relative to the content root. Default: <c>hangfire.db</c> in the
    /// folder of the configuration database (<c>data/hangfire.db</c> with the default <c>Database:ConnectionString</c>).</summary>
    public string? SqliteFile { get; set; }

    /// <summary>PostgreSQL and SQL Server: schema of Hangfire's tables (default <c>hangfire</c>).</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>Jobs executed at once by this instance (flows of a group count one each).</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>How often due schedules are checked. Minute CRONs need no less than the default 15 s; 6-field
    /// (seconds) CRONs need 1.</summary>
    public double SchedulePollingSeconds { get; set; } = 15;

    /// <summary>How often an idle worker looks for queued jobs (SQLite and PostgreSQL storages poll).</summary>
    public double QueuePollSeconds { get; set; } = 1;
}
