namespace EtlStudio.Engine.Definitions;

/// <summary>A batch of messages (Kafka) handed in by the caller; each message value is one document.</summary>
public sealed record MessageSourceDefinition : SourceDefinition
{
    /// <summary>The messages of this batch.</summary>
    public required IReadOnlyList<SourceMessage> Messages { get; init; }
}
