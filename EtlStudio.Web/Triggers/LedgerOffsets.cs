using Confluent.Kafka;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Web.Triggers;

/// <summary>Where a trigger's consumer starts on a partition it is assigned: after the last offset the destination's
/// batch ledger holds for it, when the group's committed offset lags it. A process killed after a batch committed but
/// before Kafka got its offset then does not even read the batch again (the run would skip it anyway). The group's
/// offset is committed there too, so its lag does not count messages that are already in the table.</summary>
internal sealed class LedgerOffsets(IServiceScopeFactory scopes, ILogger<LedgerOffsets> logger)
{
    /// <summary>The start of each assigned partition: the ledger's next offset, or <see cref="Offset.Unset"/> (the committed
    /// offset) when the ledger has nothing newer or cannot be read.</summary>
    public IEnumerable<TopicPartitionOffset> Starts(KafkaTrigger trigger, IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        CommittedRanges done;
        List<TopicPartitionOffset> committed;
        try
        {
            done = LoadedAsync(trigger).GetAwaiter().GetResult();
            committed = done.IsEmpty ? [] : consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            KafkaLog.LedgerUnread(logger, trigger.Id, e);
            return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
        }
        var starts = partitions.Select(p =>
        {
            var last = done.Last(LedgerSource.Partition(p.Topic, p.Partition.Value));
            var at = committed.FirstOrDefault(c => c.TopicPartition == p)?.Offset ?? Offset.Unset;
            return last is { } l && (at == Offset.Unset || at.Value <= l) ? new TopicPartitionOffset(p, new Offset(l + 1)) : new TopicPartitionOffset(p, Offset.Unset);
        }).ToList();
        var ahead = starts.Where(s => s.Offset != Offset.Unset).ToList();
        if (ahead.Count > 0)
        {
            try
            {
                consumer.Commit(ahead);
                KafkaLog.StartedAfterLedger(logger, trigger.Id, string.Join(", ", ahead));
            }
            catch (KafkaException e)
            {
                // The start still holds for this consumer; the group's offset catches up with the next batch.
                KafkaLog.LedgerUnread(logger, trigger.Id, e);
            }
        }
        return starts;
    }

    /// <summary>Asks the batch runner, as a batch does (a scope each): it knows the trigger's flow and destination.</summary>
    private async Task<CommittedRanges> LoadedAsync(KafkaTrigger trigger)
    {
        await using var scope = scopes.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMessageBatchRunner>();
        return await runner.LoadedAsync(trigger, CancellationToken.None);
    }
}
