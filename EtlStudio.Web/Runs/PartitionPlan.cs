namespace EtlStudio.Web.Runs;

/// <summary>How a run's files are cut into partitions: about four partitions per slot in flight (so a slow file does not
/// hold back the tail of the run), each of at most <see cref="MaxFiles"/> files, in listing order.</summary>
internal static class PartitionPlan
{
    /// <summary>Most files one partition loads.</summary>
    public const int MaxFiles = 100;

    public static IReadOnlyList<IReadOnlyList<string>> Split(IReadOnlyList<string> files, int inFlight)
    {
        ArgumentNullException.ThrowIfNull(files);
        var size = (int)Math.Clamp(Math.Ceiling(files.Count / (4.0 * Math.Max(1, inFlight))), 1, MaxFiles);
        return [.. files.Chunk(size)];
    }
}
