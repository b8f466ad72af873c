namespace EtlStudio.Engine.Definitions;

/// <summary>Questions about <see cref="DerivedValue"/>s.</summary>
public static class DerivedValues
{
    /// <summary>True for the values taken from a Kafka message (key, partition, offset, timestamp, header): only a
    /// message source has them; for any other source they are null.</summary>
    public static bool IsFromMessage(this DerivedValue value) =>
        value is DerivedValue.MessageKey or DerivedValue.MessagePartition or DerivedValue.MessageOffset or DerivedValue.MessageTimestamp or DerivedValue.MessageHeader;
}
