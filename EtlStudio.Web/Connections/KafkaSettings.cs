using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

public sealed record KafkaSettings(string BootstrapServers, string SecurityProtocol = "Plaintext", string? SaslMechanism = null, string? Username = null) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Kafka;
    public override string Summary => $"{BootstrapServers} ({SecurityProtocol})";
}
