using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>The smallest and largest value of a query's partition column (its non-NULL values), as invariant text of
/// <paramref name="Kind"/>.</summary>
public sealed record QueryBounds(RangeKind Kind, string Min, string Max);
