using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Database;

namespace EtlStudio.Web.Runs;

/// <summary>How a query run is cut into ranges (<see cref="QueryPartitioning"/>): from the flow's declared bounds, or
/// from MIN and MAX of its partition column read from the query first.</summary>
internal static class QueryPartitionPlan
{
    /// <summary>Whether the flow asks for query partitions.</summary>
    public static bool IsOn(Flow flow) => !string.IsNullOrWhiteSpace(flow.PartitionColumn) && flow.PartitionCount >= 2;

    /// <summary>The ranges of a run, and in words where the bounds came from (for the run's log).</summary>
    public static async Task<(IReadOnlyList<QueryRange> Ranges, string Bounds)> RangesAsync(Flow flow, DatabaseSourceDefinition source, ISourceFactory sources,
        CancellationToken cancellationToken)
    {
        var column = flow.PartitionColumn!.Trim();
        var count = Math.Clamp(flow.PartitionCount, 1, QueryPartitioning.MaxCount);
        if (!string.IsNullOrWhiteSpace(flow.PartitionLowerBound) && !string.IsNullOrWhiteSpace(flow.PartitionUpperBound))
        {
            var kind = QueryPartitioning.KindOf(flow.PartitionLowerBound, flow.PartitionUpperBound, out var problem)
                ?? throw new Engine.EtlDataException($"flow '{flow.Name}': partition bounds: {problem}");
            var lower = QueryPartitioning.Normalize(kind, flow.PartitionLowerBound);
            var upper = QueryPartitioning.Normalize(kind, flow.PartitionUpperBound);
            return (QueryPartitioning.Split(column, kind, lower, upper, count), $"declared bounds {lower} to {upper}");
        }
        var bounds = await sources.ReadQueryBoundsAsync(source, column, cancellationToken);
        if (bounds is null) return ([new QueryRange { Column = column, Kind = RangeKind.Integer }], $"no value in {column}");
        return (QueryPartitioning.Split(column, bounds, count), $"MIN {bounds.Min} and MAX {bounds.Max} of {column}");
    }
}
