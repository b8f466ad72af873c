using Microsoft.Extensions.Logging;

namespace EtlStudio.Web.Triggers;

/// <summary>Logs a trigger's broker outages once per state change instead of once per librdkafka callback: an
/// unreachable broker makes librdkafka report every reconnect attempt (about 39 lines a second seen), so "down" is
/// logged when it starts, then at most one reminder per <see cref="ReminderInterval"/> with how many reports were
/// left out, and "up" when a statistics report shows a broker connection up again.</summary>
internal sealed class BrokerOutageLog(ILogger logger, int triggerId, TimeProvider clock)
{
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private DateTimeOffset? _downSince;
    private DateTimeOffset _lastLogged;
    private int _suppressed;

    /// <summary>Whether a librdkafka error says the broker cannot be reached (not a fault of the request).</summary>
    public static bool IsOutage(Confluent.Kafka.ErrorCode code) =>
        code is Confluent.Kafka.ErrorCode.Local_Transport or Confluent.Kafka.ErrorCode.Local_AllBrokersDown or Confluent.Kafka.ErrorCode.Local_Resolve;

    /// <summary>Whether a librdkafka log line reports a failed broker connection (facility FAIL, one per attempt).</summary>
    public static bool IsOutage(string facility) => facility == "FAIL";

    /// <summary>Reports that the broker could not be reached; logs the first report of an outage and reminders.</summary>
    public void Down(string reason)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_downSince is not { } since)
            {
                _downSince = now;
                _lastLogged = now;
                _suppressed = 0;
                KafkaLog.BrokerDown(logger, triggerId, reason);
            }
            else if (now - _lastLogged >= ReminderInterval)
            {
                KafkaLog.BrokerStillDown(logger, triggerId, (long)(now - since).TotalSeconds, _suppressed, reason);
                _lastLogged = now;
                _suppressed = 0;
            }
            else
            {
                _suppressed++;
            }
        }
    }

    /// <summary>Reports that a broker connection is up; logs the end of an outage, if there was one.</summary>
    public void Up()
    {
        lock (_lock)
        {
            if (_downSince is not { } since) return;
            KafkaLog.BrokerUp(logger, triggerId, (long)(clock.GetUtcNow() - since).TotalSeconds);
            _downSince = null;
        }
    }
}
