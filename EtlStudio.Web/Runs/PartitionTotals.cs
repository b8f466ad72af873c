using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>What a partitioned run's record says: the sums of its partitions' counts, and, once every partition ended,
/// how the run ended (any Failed → Failed; else any Cancelled → Cancelled; else Succeeded).</summary>
internal sealed record PartitionTotals(long RowsRead, long RowsWritten, long RowsRejected, long RowsFiltered, long RowsSkipped, long RowsInserted, long RowsUpdated,
    int Done, int Running, int Failed, int Cancelled, int Total)
{
    public bool AllEnded => Done + Failed + Cancelled == Total;

    public RunStatus Status => Failed > 0 ? RunStatus.Failed : Cancelled > 0 ? RunStatus.Cancelled : RunStatus.Succeeded;

    public static PartitionTotals Of(IReadOnlyCollection<RunPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return new(partitions.Sum(p => p.RowsRead), partitions.Sum(p => p.RowsWritten), partitions.Sum(p => p.RowsRejected), partitions.Sum(p => p.RowsFiltered),
            partitions.Sum(p => p.RowsSkipped), partitions.Sum(p => p.RowsInserted), partitions.Sum(p => p.RowsUpdated),
            partitions.Count(p => p.Status == RunStatus.Succeeded), partitions.Count(p => p.Status == RunStatus.Running),
            partitions.Count(p => p.Status is RunStatus.Failed or RunStatus.Abandoned), partitions.Count(p => p.Status == RunStatus.Cancelled), partitions.Count);
    }

    /// <summary>The run's error: how many partitions failed and the first one's error, naming its files.</summary>
    public static string? Error(IReadOnlyCollection<RunPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var failed = partitions.Where(p => p.Status is RunStatus.Failed or RunStatus.Abandoned).OrderBy(p => p.Index).ToList();
        if (failed.Count == 0) return null;
        var first = failed[0];
        return $"{failed.Count} of {partitions.Count} partitions failed; partition {first.Index + 1} ({Share(first)}): {first.Error}";
    }

    /// <summary>What a partition reads, in words: its files (how many, from which first) or its query range.</summary>
    public static string Share(RunPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return partition.Range is { } range ? StoredRange.Read(range).ToString() : $"{partition.FileCount} file(s) from {partition.Files.Split('\n', 2)[0]}";
    }
}
