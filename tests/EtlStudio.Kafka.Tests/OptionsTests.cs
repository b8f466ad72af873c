using EtlStudio.Web.Triggers;
using Xunit;

namespace EtlStudio.Kafka.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new KafkaOptionsValidator().Validate(null, new KafkaOptions()).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_key()
    {
        var options = new KafkaOptions
        {
            TriggerPollSeconds = 0, RetryInitialMs = 5, RetryMaxMs = 300_000,
            ClientProperties = new() { ["enable.auto.offset.store"] = "true", ["sasl.password"] = "x", ["fetch.max.bytes"] = "1000000" },
        };

        var result = new KafkaOptionsValidator().Validate(null, options);

        Assert.Equal(
        [
            "Kafka:TriggerPollSeconds must be at least 1 (is 0).",
            "Kafka:RetryInitialMs must be at least 10 (is 5).",
            "Kafka:RetryMaxMs must be between Kafka:RetryInitialMs and 240000, below librdkafka's max.poll.interval.ms (is 300000).",
            "Kafka:ClientProperties:enable.auto.offset.store cannot be set here: it comes from the trigger or its connection.",
            "Kafka:ClientProperties:sasl.password cannot be set here: it comes from the trigger or its connection.",
        ], result.Failures);
    }

    [Theory]
    [InlineData(1, 0.5, 1000)]
    [InlineData(2, 0.5, 2000)]
    [InlineData(4, 0.5, 8000)]
    [InlineData(7, 0.5, 60000)]
    [InlineData(1000, 0.5, 60000)]
    [InlineData(1, 0.0, 800)]
    [InlineData(1, 0.999, 1199.6)]
    [InlineData(1000, 0.999, 60000)]
    public void Retry_waits_double_up_to_the_cap_with_jitter_never_beyond_it(int failures, double jitter, double expectedMs)
    {
        Assert.Equal(expectedMs, RetryBackoff.Delay(failures, 1_000, 60_000, jitter).TotalMilliseconds, precision: 1);
    }

    [Fact]
    public void Broker_state_is_up_when_any_broker_connection_is_up()
    {
        Assert.Null(BrokerStatus.Problem("""{"brokers":{"a:9092/1":{"state":"DOWN","nodeid":1},"b:9092/2":{"state":"UP","nodeid":2}}}"""));
        Assert.Equal("no broker connection up (a:9092/bootstrap CONNECT, a:9092/1 DOWN)",
            BrokerStatus.Problem("""{"brokers":{"a:9092/bootstrap":{"state":"CONNECT","nodeid":-1},"a:9092/1":{"state":"DOWN","nodeid":1}}}"""));
    }
}
