using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>A partition's counts. Rows an earlier attempt of the partition committed (its instance died) count as
/// written, not as skipped: the run's record then says what the partition put in the table.</summary>
internal readonly record struct PartitionCounts(long RowsRead, long RowsWritten, long RowsRejected, long RowsFiltered, long RowsSkipped, long RowsInserted, long RowsUpdated)
{
    public static PartitionCounts From(RunProgress progress, long committedBefore) => new(progress.RowsRead, progress.RowsWritten + committedBefore,
        progress.RowsRejected, progress.RowsFiltered, Math.Max(0, progress.RowsSkipped - committedBefore), 0, 0);

    public static PartitionCounts From(FlowRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var before = result.RowsCommittedBefore;
        return new(result.RowsRead, result.RowsWritten + before, result.RowsRejected, result.RowsFiltered, Math.Max(0, result.RowsSkipped - before),
            result.RowsInserted + before, result.RowsUpdated);
    }
}
