using System.Text.Json;

namespace EtlStudio.Web.Kafka;

/// <summary>The non-secret part of a Kafka connection, as stored in <c>Connection.Settings</c>.</summary>
/// <remarks>Same shape as the web branch's <c>KafkaSettings</c>; replaced by it once that lands on main.</remarks>
internal sealed record KafkaConnectionSettings(string BootstrapServers, string SecurityProtocol = "Plaintext", string? SaslMechanism = null, string? Username = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static KafkaConnectionSettings FromJson(string json) =>
        JsonSerializer.Deserialize<KafkaConnectionSettings>(json, Json) ?? throw new JsonException("Kafka connection settings are empty.");
}
