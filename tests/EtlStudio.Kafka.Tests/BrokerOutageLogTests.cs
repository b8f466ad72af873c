using Confluent.Kafka;
using EtlStudio.Testing;
using EtlStudio.Web.Triggers;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>An unreachable broker is logged once per state change plus a reminder a minute, not once per reconnect.</summary>
public sealed class BrokerOutageLogTests(KafkaMockCluster kafka)
{
    private readonly LogCapture _logs = new();
    private readonly ManualClock _clock = new();

    [Fact]
    public void Reports_while_down_are_logged_once_then_once_a_minute_and_the_recovery_once()
    {
        var outages = new BrokerOutageLog(_logs.CreateLogger("trigger"), 7, _clock);

        for (var second = 0; second < 150; second++)
        {
            for (var report = 0; report < 39; report++) outages.Down("Local_Transport: Connect to ipv4#127.0.0.1:9 failed: Connection refused");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        outages.Up();
        outages.Up();

        Assert.Collection(_logs.Lines,
            l => Assert.Contains("[44] Kafka trigger 7: broker unreachable: Local_Transport: Connect to ipv4#127.0.0.1:9 failed", l, StringComparison.Ordinal),
            l => Assert.Contains("[45] Kafka trigger 7: broker still unreachable after 60 s (2339 reports not logged)", l, StringComparison.Ordinal),
            l => Assert.Contains("[45] Kafka trigger 7: broker still unreachable after 120 s (2339 reports not logged)", l, StringComparison.Ordinal),
            l => Assert.Contains("[46] Kafka trigger 7: broker reachable again after 150 s", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_outage_after_a_recovery_is_logged_at_once()
    {
        var outages = new BrokerOutageLog(_logs.CreateLogger("trigger"), 7, _clock);

        outages.Down("first");
        outages.Up();
        _clock.Advance(TimeSpan.FromSeconds(5));
        outages.Down("second");

        Assert.Equal(3, _logs.Lines.Count);
        Assert.Contains("broker unreachable: second", _logs.Lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCode.Local_Transport, true)]
    [InlineData(ErrorCode.Local_AllBrokersDown, true)]
    [InlineData(ErrorCode.Local_Resolve, true)]
    [InlineData(ErrorCode.TopicAuthorizationFailed, false)]
    [InlineData(ErrorCode.Local_Authentication, false)]
    public void Only_connection_errors_count_as_an_outage(ErrorCode code, bool outage) =>
        Assert.Equal(outage, BrokerOutageLog.IsOutage(code));

    [Fact]
    public async Task A_trigger_on_an_unreachable_broker_logs_a_handful_of_lines_not_dozens_a_second()
    {
        await using var host = await TriggerHost.CreateAsync(kafka);
        // The default number of consumers: they share one outage log.
        var trigger = await host.AddTriggerAsync("orders", settings: new { bootstrapServers = $"127.0.0.1:{FreePort.Next()}" }, maxParallelPartitions: 4);

        await host.StartAsync(new ScriptedRunner());
        await Eventually.TrueAsync(() => host.Logs.Lines.Any(l => l.Contains($"Kafka trigger {trigger.Id}: broker unreachable", StringComparison.Ordinal)), "the outage logged");
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var lines = host.Logs.Lines.Where(l => l.Contains($"Kafka trigger {trigger.Id}:", StringComparison.Ordinal)).ToList();
        await host.StopAsync();

        Assert.Single(lines, l => l.Contains("broker unreachable", StringComparison.Ordinal));
        Assert.True(lines.Count < 10, $"{lines.Count} lines in about 5 s:\n{string.Join('\n', lines)}");
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 5, 7, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
