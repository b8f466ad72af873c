using System.Text.Json;
using Azure.Core;
using Confluent.Kafka;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Security;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Triggers;

/// <summary>Turns a Kafka <see cref="Connection"/> into client settings: settings JSON for the non-secret part, the
/// unprotected secret for the password. Covers a plain broker, Azure Event Hubs (PLAIN with <c>$ConnectionString</c>,
/// or OAUTHBEARER with Entra ID) and Confluent Cloud (PLAIN or SCRAM with an API key).</summary>
internal sealed class KafkaClientSettingsFactory(ISecretProtector secrets, TokenCredential credential, IOptions<KafkaOptions> options)
{
    private const string EventHubsSuffix = ".servicebus.windows.net";

    public KafkaClientSettings Create(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var settings = ReadSettings(connection);
        var where = $"Kafka connection '{connection.Name}'";
        if (string.IsNullOrWhiteSpace(settings.BootstrapServers)) throw new KafkaConnectionException($"{where}: BootstrapServers is empty.");
        var protocol = Parse<SecurityProtocol>(settings.SecurityProtocol, where, "SecurityProtocol");
        var config = new ClientConfig { BootstrapServers = settings.BootstrapServers.Trim(), SecurityProtocol = protocol };
        EntraIdToken? token = null;
        var summary = $"{config.BootstrapServers} ({protocol})";
        if (protocol is SecurityProtocol.SaslSsl or SecurityProtocol.SaslPlaintext)
        {
            // Event Hubs and Confluent Cloud both default to PLAIN.
            var mechanism = string.IsNullOrWhiteSpace(settings.SaslMechanism) ? SaslMechanism.Plain : Parse<SaslMechanism>(settings.SaslMechanism, where, "SaslMechanism");
            config.SaslMechanism = mechanism;
            summary = $"{config.BootstrapServers} ({protocol}, {mechanism})";
            if (mechanism == SaslMechanism.OAuthBearer)
            {
                token = new EntraIdToken(credential, $"https://{FirstHost(config.BootstrapServers)}/.default");
            }
            else if (mechanism == SaslMechanism.Gssapi)
            {
                throw new KafkaConnectionException($"{where}: SaslMechanism Gssapi (Kerberos) is not supported; use Plain, ScramSha256, ScramSha512 or OAuthBearer.");
            }
            else
            {
                config.SaslUsername = string.IsNullOrWhiteSpace(settings.Username)
                    ? throw new KafkaConnectionException($"{where}: Username is empty (Event Hubs: $ConnectionString; Confluent Cloud: the API key).")
                    : settings.Username.Trim();
                config.SaslPassword = string.IsNullOrEmpty(connection.Secret)
                    ? throw new KafkaConnectionException($"{where}: the secret is empty (Event Hubs: the connection string; Confluent Cloud: the API secret).")
                    : ConnectionSecrets.Reveal(secrets, connection)!;
            }
        }
        else if (!string.IsNullOrWhiteSpace(settings.SaslMechanism))
        {
            throw new KafkaConnectionException($"{where}: SaslMechanism {settings.SaslMechanism} needs SecurityProtocol SaslSsl or SaslPlaintext, not {protocol}.");
        }
        if (config.BootstrapServers.Contains(EventHubsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            // Event Hubs drops idle connections after 240 s; Microsoft's recommended librdkafka settings for it.
            config.SocketKeepaliveEnable = true;
            config.MetadataMaxAgeMs = 180_000;
        }
        foreach (var (key, value) in options.Value.ClientProperties) config.Set(key, value);
        return new KafkaClientSettings(config, token, summary);
    }

    private static KafkaSettings ReadSettings(Connection connection)
    {
        if (connection.Kind != ConnectionKind.Kafka)
        {
            throw new KafkaConnectionException($"Connection '{connection.Name}' is a {connection.Kind} connection, not Kafka.");
        }
        try
        {
            return (KafkaSettings)ConnectionSettings.FromJson(ConnectionKind.Kafka, connection.Settings);
        }
        catch (JsonException e)
        {
            throw new KafkaConnectionException($"Kafka connection '{connection.Name}': settings are not valid JSON ({e.Message}).", e);
        }
    }

    /// <summary>Accepts the enum name and Kafka's spelling alike: <c>SaslSsl</c>, <c>SASL_SSL</c>, <c>SCRAM-SHA-256</c>.</summary>
    private static T Parse<T>(string text, string where, string setting) where T : struct, Enum
    {
        var name = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        if (name.Length > 0 && char.IsLetter(name[0]) && Enum.TryParse<T>(name, ignoreCase: true, out var value)) return value;
        throw new KafkaConnectionException($"{where}: {setting} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
    }

    private static string FirstHost(string bootstrapServers)
    {
        var first = bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var colon = first.LastIndexOf(':');
        return colon > 0 ? first[..colon] : first;
    }
}
