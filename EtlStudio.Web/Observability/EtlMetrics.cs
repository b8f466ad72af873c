using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Observability;

/// <summary>The <c>EtlStudio</c> meter: runs, rows, durations and Kafka lag, exported by OpenTelemetry. The run
/// executor calls <see cref="RunStarted"/> and <see cref="RunFinished"/>; the Kafka consumer calls
/// <see cref="KafkaLag"/>. A singleton: inject it.</summary>
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
    private readonly ConcurrentDictionary<(string Group, string Topic, int Partition), long> _lag = new();

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public EtlMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _runsStarted = meter.CreateCounter<long>("etl.runs.started", "{run}", "Runs that started, by flow and trigger.");
        _runsFinished = meter.CreateCounter<long>("etl.runs.finished", "{run}", "Runs that ended, by flow, trigger and status.");
        _runDuration = meter.CreateHistogram<double>("etl.run.duration", "s", "Run duration from start to end, by flow and status.");
        _rows = meter.CreateCounter<long>("etl.rows", "{row}", "Rows by flow and outcome (read, written, rejected).");
        meter.CreateObservableGauge("etl.kafka.consumer_lag", ObserveLag, "{message}", "Messages behind the end of each partition.");
    }

    /// <summary>A run began executing.</summary>
    public void RunStarted(string flow, RunTrigger trigger) =>
        _runsStarted.Add(1, new("etl.flow", flow), new("etl.trigger", trigger.ToString()));

    /// <summary>A run ended (any status) with its row counts.</summary>
    public void RunFinished(string flow, RunTrigger trigger, RunStatus status, TimeSpan duration, long rowsRead, long rowsWritten, long rowsRejected)
    {
        var flowTag = new KeyValuePair<string, object?>("etl.flow", flow);
        var statusTag = new KeyValuePair<string, object?>("etl.status", status.ToString());
        _runsFinished.Add(1, flowTag, new("etl.trigger", trigger.ToString()), statusTag);
        _runDuration.Record(duration.TotalSeconds, flowTag, statusTag);
        Rows(flowTag, "read", rowsRead);
        Rows(flowTag, "written", rowsWritten);
        Rows(flowTag, "rejected", rowsRejected);
    }

    /// <summary>The consumer group's lag on one partition (high watermark minus committed offset), as last seen.</summary>
    public void KafkaLag(string consumerGroup, string topic, int partition, long lag) => _lag[(consumerGroup, topic, partition)] = lag;

    private void Rows(KeyValuePair<string, object?> flow, string outcome, long count)
    {
        if (count > 0) _rows.Add(count, flow, new("etl.outcome", outcome));
    }

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _lag.Select(p => new Measurement<long>(p.Value,
            new("messaging.consumer.group.name", p.Key.Group), new("messaging.destination.name", p.Key.Topic), new("messaging.destination.partition.id", p.Key.Partition)));
}
