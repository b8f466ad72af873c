namespace EtlStudio.Web.Triggers;

/// <summary>A Kafka connection's settings cannot make a client. The message names the connection and the setting;
/// it never contains the secret.</summary>
public sealed class KafkaConnectionException(string message, Exception? inner = null) : Exception(message, inner);
