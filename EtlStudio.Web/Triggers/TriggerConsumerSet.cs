using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Triggers;

/// <summary>The consumers one instance runs for one trigger (<see cref="PartitionParallelism.Consumers"/>), all in the
/// trigger's consumer group: the group gives each its own share of the partitions, so their batches load side by side,
/// on this instance and beside those of other instances. Each consumer loads its batches one after another, which keeps
/// the order within a partition.</summary>
internal sealed class TriggerConsumerSet(KafkaTrigger trigger, IReadOnlyList<TriggerConsumer> consumers) : IAsyncDisposable
{
    public KafkaTrigger Trigger => trigger;

    public int Count => consumers.Count;

    /// <summary>Stops every consumer at once (each commits what it stored and leaves the group).</summary>
    public async ValueTask DisposeAsync() => await Task.WhenAll(consumers.Select(c => c.DisposeAsync().AsTask()));
}
