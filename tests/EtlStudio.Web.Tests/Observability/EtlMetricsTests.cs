using EtlStudio.Data.Entities;
using EtlStudio.Web.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace EtlStudio.Web.Tests.Observability;

public sealed class EtlMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<EtlMetrics>().BuildServiceProvider();

    private EtlMetrics Metrics => _services.GetRequiredService<EtlMetrics>();

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
        Metrics.KafkaLag("etl-orders", "orders", 0, 120);
        Metrics.KafkaLag("etl-orders", "orders", 1, 5);
        Metrics.KafkaLag("etl-orders", "orders", 0, 7);

        lag.RecordObservableInstruments();

        Assert.Equal([(0, 7L), (1, 5L)], lag.GetMeasurementSnapshot().Select(m => ((int)m.Tags["messaging.destination.partition.id"]!, m.Value)).OrderBy(p => p.Item1));
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), EtlMetrics.MeterName, instrument);

    public void Dispose() => _services.Dispose();
}
