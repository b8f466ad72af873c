using Confluent.Kafka;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Connections;

/// <summary>Asks the cluster for its metadata with a short timeout: brokers answering, SASL accepted, and optionally
/// a topic present.</summary>
internal sealed class KafkaProbe
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(6);

    public async Task<ConnectionTestResult> TestAsync(KafkaSettings settings, string? secret, string? topic, CancellationToken cancellationToken)
    {
        var config = new AdminClientConfig
        {
            BootstrapServers = settings.BootstrapServers,
            SecurityProtocol = Enum.TryParse<SecurityProtocol>(settings.SecurityProtocol, ignoreCase: true, out var protocol) ? protocol : SecurityProtocol.Plaintext,
            SocketTimeoutMs = (int)MetadataTimeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(settings.SaslMechanism))
        {
            config.SaslMechanism = Enum.TryParse<SaslMechanism>(settings.SaslMechanism.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mechanism) ? mechanism : SaslMechanism.Plain;
            config.SaslUsername = settings.Username;
            config.SaslPassword = secret;
        }
        string? authError = null;
        // librdkafka's metadata call blocks; keep it off the circuit's thread.
        return await Task.Run(() =>
        {
            using var admin = new AdminClientBuilder(config)
                .SetLogHandler((_, _) => { })
                .SetErrorHandler((_, e) => { if (e.Code is ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication) authError = e.Reason; })
                .Build();
            try
            {
                var metadata = admin.GetMetadata(MetadataTimeout);
                var brokers = $"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topic(s)";
                if (string.IsNullOrWhiteSpace(topic)) return ConnectionTestResult.Ok($"Connected to {settings.BootstrapServers}: {brokers}.");
                return metadata.Topics.Any(t => t.Topic == topic.Trim() && t.Error.Code == ErrorCode.NoError)
                    ? ConnectionTestResult.Ok($"Connected to {settings.BootstrapServers}: {brokers}; topic '{topic.Trim()}' exists.")
                    : ConnectionTestResult.Failed($"Topic missing: '{topic.Trim()}' does not exist on {settings.BootstrapServers} (or this login may not describe it); the brokers answered.");
            }
            catch (KafkaException e)
            {
                if (authError is not null || e.Error.Code is ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication)
                    return ConnectionTestResult.Failed($"Login refused by {settings.BootstrapServers}: {authError ?? e.Error.Reason}");
                return ConnectionTestResult.Failed($"Host unreachable: no broker at {settings.BootstrapServers} answered within {MetadataTimeout.TotalSeconds:0} seconds ({e.Error.Reason}).");
            }
        }, cancellationToken);
    }
}
