using System.Diagnostics;
using System.Diagnostics.Metrics;
using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Observability;

/// <summary>The <c>EtlStudio</c> meter: runs, rows, durations and Kafka lag, exported by OpenTelemetry. Recorded where
/// the thing happens: <c>Runs/RunStates</c> on every claim and every end; the lag gauge reads what the Kafka consumers
/// last saw (<see cref="Triggers.ConsumerLag"/>). A singleton: inject it.</summary>
public sealed class EtlMetrics
{
    /// <summary>Meter (and activity source) name.</summary>
    public const string MeterName = "EtlStudio";

    /// <summary>Activity source for spans around runs and batches: <c>EtlMetrics.Tracing.StartActivity("etl.run")</c>.</summary>
    public static readonly ActivitySource Tracing = new(MeterName);

    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFinished;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _rows;
    private readonly Triggers.ConsumerLag _lag;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public EtlMetrics(IMeterFactory meterFactory, Triggers.ConsumerLag lag)
    {
        ArgumentNullException.ThrowIfNull(lag);
        _lag = lag;
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _runsStarted = meter.CreateCounter<long>("etl.runs.started", "{run}", "Runs that started, by flow and trigger.");
        _runsFinished = meter.CreateCounter<long>("etl.runs.finished", "{run}", "Runs that ended, by flow, trigger and status.");
        _runDuration = meter.CreateHistogram<double>("etl.run.duration", "s", "Run duration from start to end, by flow, trigger and status.");
        _rows = meter.CreateCounter<long>("etl.rows", "{row}", "Rows by flow and outcome (read, written, rejected).");
        meter.CreateObservableGauge("etl.kafka.consumer_lag", ObserveLag, "{message}", "Messages behind the end of each partition.");
    }

    /// <summary>A run began executing.</summary>
    public void RunStarted(string flow, RunTrigger trigger) =>
        _runsStarted.Add(1, new("etl.flow", flow), new("etl.trigger", trigger.ToString()));

    /// <summary>A run ended (any status) with its row counts; <paramref name="duration"/> is null for a run that never
    /// started (cancelled or abandoned while queued), which is counted but has no duration to record.</summary>
    public void RunFinished(string flow, RunTrigger trigger, RunStatus status, TimeSpan? duration, long rowsRead, long rowsWritten, long rowsRejected)
    {
        var flowTag = new KeyValuePair<string, object?>("etl.flow", flow);
        var triggerTag = new KeyValuePair<string, object?>("etl.trigger", trigger.ToString());
        var statusTag = new KeyValuePair<string, object?>("etl.status", status.ToString());
        _runsFinished.Add(1, flowTag, triggerTag, statusTag);
        if (duration is { } d) _runDuration.Record(d.TotalSeconds, flowTag, triggerTag, statusTag);
        Rows(flowTag, "read", rowsRead);
        Rows(flowTag, "written", rowsWritten);
        Rows(flowTag, "rejected", rowsRejected);
    }

    private void Rows(KeyValuePair<string, object?> flow, string outcome, long count)
    {
        if (count > 0) _rows.Add(count, flow, new("etl.outcome", outcome));
    }

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _lag.Snapshot().Select(p => new Measurement<long>(p.Value,
            new("messaging.consumer.group.name", p.Key.Group), new("messaging.destination.name", p.Key.Topic), new("messaging.destination.partition.id", p.Key.Partition)));
}
