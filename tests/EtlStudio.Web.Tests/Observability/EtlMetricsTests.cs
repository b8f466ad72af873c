using EtlStudio.Data.Entities;
using EtlStudio.Web.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace EtlStudio.Web.Tests.Observability;

public sealed class EtlMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<EtlStudio.Web.Triggers.ConsumerLag>().AddSingleton<EtlMetrics>().BuildServiceProvider();

    private EtlMetrics Metrics => _services.GetRequiredService<EtlMetrics>();

    private EtlStudio.Web.Triggers.ConsumerLag Lag => _services.GetRequiredService<EtlStudio.Web.Triggers.ConsumerLag>();

    [Fact]
    public void A_finished_run_counts_its_status_duration_and_rows_by_outcome()
    {
        using var finished = Collect<long>("etl.runs.finished");
        using var duration = Collect<double>("etl.run.duration");
        using var rows = Collect<long>("etl.rows");

        Metrics.RunFinished("Orders", RunTrigger.Schedule, RunStatus.Failed, TimeSpan.FromSeconds(90), rowsRead: 1000, rowsWritten: 990, rowsRejected: 10);

        var run = Assert.Single(finished.GetMeasurementSnapshot());
        Assert.Equal(("Orders", "Schedule", "Failed"), (run.Tags["etl.flow"], run.Tags["etl.trigger"], run.Tags["etl.status"]));
        Assert.Equal(90, Assert.Single(duration.GetMeasurementSnapshot()).Value);
        Assert.Equal(
            [("read", 1000L), ("written", 990L), ("rejected", 10L)],
            rows.GetMeasurementSnapshot().Select(m => ((string)m.Tags["etl.outcome"]!, m.Value)));
    }

    [Fact]
    public void Started_runs_are_counted_by_flow_and_trigger()
    {
        using var started = Collect<long>("etl.runs.started");

        Metrics.RunStarted("Orders", RunTrigger.Kafka);
        Metrics.RunStarted("Orders", RunTrigger.Kafka);

        Assert.Equal(2, started.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(started.GetMeasurementSnapshot(), m => Assert.Equal("Kafka", m.Tags["etl.trigger"]));
    }

    [Fact]
    public void Kafka_lag_gauge_reports_the_latest_lag_per_partition()
    {
        using var lag = Collect<long>("etl.kafka.consumer_lag");
        _ = Metrics;
        Lag.Set("etl-orders", "orders", 0, 120);
        Lag.Set("etl-orders", "orders", 1, 5);
        Lag.Set("etl-orders", "orders", 0, 7);

        lag.RecordObservableInstruments();

        Assert.Equal([(0, 7L), (1, 5L)], lag.GetMeasurementSnapshot().Select(m => ((int)m.Tags["messaging.destination.partition.id"]!, m.Value)).OrderBy(p => p.Item1));
    }

    [Fact]
    public void Kafka_lag_is_read_from_librdkafka_statistics_and_unknown_partitions_are_left_out()
    {
        using var lag = Collect<long>("etl.kafka.consumer_lag");
        _ = Metrics;
        Lag.Observe("etl-orders", """
            {"name":"c1","topics":{"orders":{"topic":"orders","partitions":{
              "0":{"partition":0,"consumer_lag":42},"1":{"partition":1,"consumer_lag":-1},"-1":{"partition":-1,"consumer_lag":-1}}}}}
            """);

        lag.RecordObservableInstruments();

        var only = Assert.Single(lag.GetMeasurementSnapshot());
        Assert.Equal((42L, "orders", "etl-orders", 0), (only.Value, (string)only.Tags["messaging.destination.name"]!, (string)only.Tags["messaging.consumer.group.name"]!,
            (int)only.Tags["messaging.destination.partition.id"]!));
        Lag.Forget("etl-orders", "orders");
        lag.RecordObservableInstruments();
        Assert.Single(lag.GetMeasurementSnapshot());
    }

    [Fact]
    public void A_run_that_never_started_is_counted_without_a_duration()
    {
        using var finished = Collect<long>("etl.runs.finished");
        using var duration = Collect<double>("etl.run.duration");

        Metrics.RunFinished("Orders", RunTrigger.Manual, RunStatus.Cancelled, duration: null, 0, 0, 0);

        Assert.Equal("Cancelled", Assert.Single(finished.GetMeasurementSnapshot()).Tags["etl.status"]);
        Assert.Empty(duration.GetMeasurementSnapshot());
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), EtlMetrics.MeterName, instrument);

    public void Dispose() => _services.Dispose();
}
