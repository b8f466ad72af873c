using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>A partition's counts. Rows an earlier attempt of the partition committed (its instance died) count as
/// written, not as skipped: the run's record then says what the partition put in the table.</summary>
internal readonly record struct PartitionCounts(long RowsRead, long RowsWritten, long RowsRejected, long RowsFiltered, long RowsSkipped, long RowsInserted, long RowsUpdated)
{
    public static PartitionCounts From(RunProgress progress, long committedBefore) => new(progress.RowsRead, progress.RowsWritten + committedBefore,
        progress.RowsRejected, progress.RowsFiltered, Math.Max(0, progress.RowsSkipped - committedBefore), 0, 0);

    /// <param name="result">The partition's engine result.</param>
    /// <param name="resume">The partition belongs to a run that resumes another: what was committed before came (at least
    /// on its first attempt) from the earlier run, so it counts as skipped, as a resume run as one piece counts it.</param>
    public static PartitionCounts From(FlowRunResult result, bool resume = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (resume) return new(result.RowsRead, result.RowsWritten, result.RowsRejected, result.RowsFiltered, result.RowsSkipped, result.RowsInserted, result.RowsUpdated);
        var before = result.RowsCommittedBefore;
        return new(result.RowsRead, result.RowsWritten + before, result.RowsRejected, result.RowsFiltered, Math.Max(0, result.RowsSkipped - before),
            result.RowsInserted + before, result.RowsUpdated);
    }
}
