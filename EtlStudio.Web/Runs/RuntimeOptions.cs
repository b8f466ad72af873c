namespace EtlStudio.Web.Runs;

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
