using Microsoft.Extensions.Options;

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

internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var problems = new List<string>();
        if (options.WorkerCount < 1) problems.Add($"{SchedulingOptions.Section}:{nameof(options.WorkerCount)} must be at least 1 (is {options.WorkerCount}).");
        if (options.SchedulePollingSeconds is < 1 or > 60) problems.Add($"{SchedulingOptions.Section}:{nameof(options.SchedulePollingSeconds)} must be between 1 and 60 (is {options.SchedulePollingSeconds}).");
        if (options.QueuePollSeconds is < 0.1 or > 60) problems.Add($"{SchedulingOptions.Section}:{nameof(options.QueuePollSeconds)} must be between 0.1 and 60 (is {options.QueuePollSeconds}).");
        if (options.SqliteFile is { } file && string.IsNullOrWhiteSpace(file)) problems.Add($"{SchedulingOptions.Section}:{nameof(options.SqliteFile)} must not be blank (leave it out for the default).");
        if (string.IsNullOrWhiteSpace(options.Schema)) problems.Add($"{SchedulingOptions.Section}:{nameof(options.Schema)} must not be empty.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
