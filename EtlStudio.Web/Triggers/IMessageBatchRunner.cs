using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Web.Triggers;

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
