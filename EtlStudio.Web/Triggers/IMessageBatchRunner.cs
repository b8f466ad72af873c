using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Web.Triggers;

/// <summary>Outcome of loading one micro-batch of messages.</summary>
/// <param name="RunId">The run recorded for the batch.</param>
/// <param name="Succeeded">True when the load committed (offsets may then be stored).</param>
/// <param name="Rejected">Messages (by origin <c>topic[partition]@offset</c>) that could not be parsed or mapped,
/// with the reason; they go to the dead-letter topic when the trigger has one.</param>
/// <param name="Error">Why the batch failed, when it did.</param>
public sealed record MessageBatchResult(Guid RunId, bool Succeeded, IReadOnlyList<RejectedRow> Rejected, Exception? Error);

/// <summary>Runs a trigger's flow over one micro-batch of messages as one recorded run (trigger Kafka).</summary>
public interface IMessageBatchRunner
{
    /// <summary>Loads the batch through the trigger's flow and records the run.</summary>
    Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken);

    /// <summary>What the trigger's flow has loaded so far, by its destination's batch ledger: per topic partition the
    /// last offset committed there. Empty when the runner keeps no ledger; the consumer then starts from the group's
    /// committed offsets (each run still skips what the ledger holds).</summary>
    Task<CommittedRanges> LoadedAsync(KafkaTrigger trigger, CancellationToken cancellationToken) => Task.FromResult(CommittedRanges.None);
}
