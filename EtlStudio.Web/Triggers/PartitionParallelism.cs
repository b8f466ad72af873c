using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Triggers;

/// <summary>How many batches of one trigger an instance loads at once, and whether its batches take the flow's lock.</summary>
/// <remarks>A TruncateReplace flow replaces the table with each batch, so two batches loading side by side would leave
/// the table holding one of them: such a flow loads one batch at a time, under the cluster-wide flow lock, whatever
/// the trigger says. Append and Upsert batches need no lock: a partition belongs to one consumer of the group at a time,
/// which loads its batches one after another, and the ledger's key (flow, load, partition, first offset) refuses a second
/// load of the same messages when a rebalance hands a partition over while its old owner is still loading.</remarks>
internal static class PartitionParallelism
{
    /// <summary>Upper bound of <see cref="KafkaTrigger.MaxParallelPartitions"/>: consumers per trigger and instance.</summary>
    public const int Max = 64;

    public const int Default = 4;

    /// <summary>Consumers this instance runs for the trigger.</summary>
    public static int Consumers(KafkaTrigger trigger) =>
        NeedsFlowLock(trigger.Flow?.LoadMode ?? LoadMode.Append) ? 1 : Math.Clamp(trigger.MaxParallelPartitions, 1, Max);

    /// <summary>True when the flow's batches must load one at a time across instances.</summary>
    public static bool NeedsFlowLock(LoadMode mode) => mode == LoadMode.TruncateReplace;
}
