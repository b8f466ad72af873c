using EtlStudio.Engine;

namespace EtlStudio.Web.Triggers;

/// <summary>Outcome of loading one micro-batch of messages.</summary>
/// <param name="RunId">The run recorded for the batch.</param>
/// <param name="Succeeded">True when the load committed (offsets may then be stored).</param>
/// <param name="Rejected">Messages (by origin <c>topic[partition]@offset</c>) that could not be parsed or mapped,
/// with the reason; they go to the dead-letter topic when the trigger has one.</param>
/// <param name="Error">Why the batch failed, when it did.</param>
public sealed record MessageBatchResult(Guid RunId, bool Succeeded, IReadOnlyList<RejectedRow> Rejected, Exception? Error);
