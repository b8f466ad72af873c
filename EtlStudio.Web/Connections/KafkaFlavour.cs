namespace EtlStudio.Web.Connections;

/// <summary>Kafka flavours: plain Kafka, Azure Event Hubs (Kafka endpoint) or Confluent Cloud. Not stored: the
/// settings they imply are, and the flavour is read back from them.</summary>
public enum KafkaFlavour { Kafka, EventHubs, ConfluentCloud }
