using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Triggers;

/// <summary>Copies rejected messages to the trigger's dead-letter topic: original key, value and headers, plus headers
/// naming where the message came from and why it was rejected.</summary>
internal sealed class DeadLetterWriter(IProducer<byte[]?, byte[]?> producer, string topic)
{
    public const string OriginalTopic = "etl-original-topic";
    public const string OriginalPartition = "etl-original-partition";
    public const string OriginalOffset = "etl-original-offset";
    public const string Error = "etl-error";
    public const string RunId = "etl-run-id";
    private const int MaxErrorLength = 8_000;

    public string Topic => topic;

    /// <summary>Produces one dead letter per rejected message and waits until every one is acknowledged (a failure
    /// throws, so the batch's offsets are not stored). Returns the origins of rejects that are not messages of the
    /// batch (kept only as the run's rejects).</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<SourceMessage> messages, MessageBatchResult result, CancellationToken cancellationToken)
    {
        var byOrigin = messages.ToDictionary(m => m.Origin, StringComparer.Ordinal);
        var deliveries = new List<Task<DeliveryResult<byte[]?, byte[]?>>>();
        var unknown = new List<string>();
        foreach (var rejects in result.Rejected.GroupBy(r => r.Origin, StringComparer.Ordinal))
        {
            if (byOrigin.TryGetValue(rejects.Key, out var message))
            {
                deliveries.Add(producer.ProduceAsync(topic, DeadLetter(message, rejects, result.RunId), cancellationToken));
            }
            else
            {
                unknown.Add(rejects.Key);
            }
        }
        await Task.WhenAll(deliveries);
        return unknown;
    }

    private static Message<byte[]?, byte[]?> DeadLetter(SourceMessage message, IEnumerable<RejectedRow> rejects, Guid runId)
    {
        var headers = new Headers();
        foreach (var (key, value) in message.Headers ?? []) headers.Add(key, value);
        headers.Add(OriginalTopic, Encoding.UTF8.GetBytes(message.Topic));
        headers.Add(OriginalPartition, Encoding.UTF8.GetBytes(message.Partition.ToString(CultureInfo.InvariantCulture)));
        headers.Add(OriginalOffset, Encoding.UTF8.GetBytes(message.Offset.ToString(CultureInfo.InvariantCulture)));
        headers.Add(Error, Encoding.UTF8.GetBytes(Describe(rejects)));
        headers.Add(RunId, Encoding.UTF8.GetBytes(runId.ToString()));
        return new Message<byte[]?, byte[]?> { Key = message.Key, Value = message.Value, Headers = headers };
    }

    /// <summary>"record 1, column 'amount', value 'x': reason", one per rejected record of the message (the engine's own
    /// wording of a reject, value shortened and control characters escaped).</summary>
    private static string Describe(IEnumerable<RejectedRow> rejects)
    {
        var text = string.Join("; ", rejects.Select(r =>
            EtlDataException.Describe(r.Reason, null, r.RowNumber, r.Column, r.Value)));
        return text.Length <= MaxErrorLength ? text : string.Concat(text.AsSpan(0, MaxErrorLength), "…");
    }
}
