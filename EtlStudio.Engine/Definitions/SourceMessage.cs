namespace EtlStudio.Engine.Definitions;

/// <summary>One message of a batch.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
/// <param name="Key">Key bytes, if any.</param>
/// <param name="Value">Value bytes (the payload that is parsed).</param>
/// <param name="Headers">Message headers, in the order the producer added them (a name may repeat).</param>
/// <param name="Timestamp">The broker's or producer's timestamp (UTC), if the message has one.</param>
public sealed record SourceMessage(
    string Topic, int Partition, long Offset, byte[]? Key, byte[] Value,
    IReadOnlyList<KeyValuePair<string, byte[]>>? Headers = null, DateTimeOffset? Timestamp = null)
{
    /// <summary>Origin string used in errors and rejects: <c>topic[partition]@offset</c>.</summary>
    public string Origin => $"{Topic}[{Partition}]@{Offset}";
}
