using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Hosting;

/// <summary>Section <c>Runtime</c>: how runs are executed, watched and retried.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>How long a run waits in its worker for another run of the same flow to finish. Still busy after that, a
    /// run stays Queued and gives the worker back (see <see cref="FlowBusyRecheckSeconds"/>); a Kafka batch is read again.</summary>
    public int FlowLockWaitSeconds { get; set; } = 60;

    /// <summary>A run that gave its worker back looks at its flow again this much later, or as soon as the flow's run ends.</summary>
    public int FlowBusyRecheckSeconds { get; set; } = 30;

    /// <summary>How often a Running run writes its heartbeat (and its row counts).</summary>
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>A Running run whose heartbeat is older than this was left by a killed process: it becomes Abandoned.</summary>
    public int AbandonAfterSeconds { get; set; } = 120;

    /// <summary>How often a run checks whether Cancel was pressed on another instance.</summary>
    public int CancelPollMilliseconds { get; set; } = 1000;

    /// <summary>Attempts after the first one for transient failures (database unreachable, HTTP 5xx, timeouts).</summary>
    public int TransientRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; doubled for each further one.</summary>
    public double RetryDelaySeconds { get; set; } = 5;

    /// <summary>At most this many rejected rows are stored per run (all are counted).</summary>
    public int MaxStoredRejects { get; set; } = 10_000;
}

internal sealed class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
    {
        var problems = new List<string>();
        void AtLeast(double value, double min, string key)
        {
            if (value < min) problems.Add($"{RuntimeOptions.Section}:{key} must be at least {min} (is {value}).");
        }
        AtLeast(options.FlowLockWaitSeconds, 0, nameof(options.FlowLockWaitSeconds));
        AtLeast(options.FlowBusyRecheckSeconds, 1, nameof(options.FlowBusyRecheckSeconds));
        AtLeast(options.HeartbeatSeconds, 1, nameof(options.HeartbeatSeconds));
        AtLeast(options.CancelPollMilliseconds, 100, nameof(options.CancelPollMilliseconds));
        AtLeast(options.TransientRetries, 0, nameof(options.TransientRetries));
        AtLeast(options.RetryDelaySeconds, 0, nameof(options.RetryDelaySeconds));
        AtLeast(options.MaxStoredRejects, 0, nameof(options.MaxStoredRejects));
        if (options.AbandonAfterSeconds < 3 * options.HeartbeatSeconds)
        {
            problems.Add($"{RuntimeOptions.Section}:{nameof(options.AbandonAfterSeconds)} ({options.AbandonAfterSeconds}) must be at least three heartbeats " +
                $"({RuntimeOptions.Section}:{nameof(options.HeartbeatSeconds)} = {options.HeartbeatSeconds}), or live runs would be marked Abandoned.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
