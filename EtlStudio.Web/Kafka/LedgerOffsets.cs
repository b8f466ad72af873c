using Confluent.Kafka;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Web.Jobs;

namespace EtlStudio.Web.Kafka;

/// <summary>Where a trigger's consumer starts on a partition it is assigned: after the last offset the destination's
/// batch ledger holds for it, when that is past the group's committed offset. A process killed after a batch committed
/// but before Kafka got its offset then does not even read the batch again (the run would skip it anyway).</summary>
internal sealed class LedgerOffsets(FlowDefinitionFactory definitions, ILoaderFactory loaders, ILogger<LedgerOffsets> logger)
{
    /// <summary>The start of each assigned partition: the ledger's next offset, or <see cref="Offset.Unset"/> (the committed
    /// offset) when the ledger has nothing newer or cannot be read.</summary>
    public IEnumerable<TopicPartitionOffset> Starts(KafkaTrigger trigger, IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        CommittedRanges done;
        List<TopicPartitionOffset> committed;
        try
        {
            done = ReadAsync(trigger).GetAwaiter().GetResult();
            committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            KafkaLog.LedgerUnread(logger, trigger.Id, e);
            return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
        }
        return partitions.Select(p =>
        {
            var last = done.Last(LedgerSource.Partition(p.Topic, p.Partition.Value));
            var at = committed.FirstOrDefault(c => c.TopicPartition == p)?.Offset ?? Offset.Unset;
            return last is { } l && (at == Offset.Unset || at.Value <= l) ? new TopicPartitionOffset(p, new Offset(l + 1)) : new TopicPartitionOffset(p, Offset.Unset);
        }).ToList();
    }

    private async Task<CommittedRanges> ReadAsync(KafkaTrigger trigger)
    {
        var stored = await definitions.LoadAsync(trigger.FlowId, CancellationToken.None);
        var ledger = new LoadLedger(trigger.FlowId.ToString(System.Globalization.CultureInfo.InvariantCulture), FlowRunner.MessageLoad, Guid.Empty) { Whole = [] };
        return await loaders.Create(stored.Definition.Destination.Provider).OpenLedgerAsync(stored.Definition.Destination, ledger, CancellationToken.None);
    }
}
