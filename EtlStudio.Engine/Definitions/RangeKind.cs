namespace EtlStudio.Engine.Definitions;

/// <summary>The kind of values a query's partition column holds, which says how its range is cut and how a bound is
/// written and bound as a parameter.</summary>
public enum RangeKind
{
    /// <summary>Whole numbers (any integer width): cut at whole numbers.</summary>
    Integer,
    /// <summary>Exact decimals (and floating-point columns, bound as decimals): cut anywhere.</summary>
    Decimal,
    /// <summary>Calendar dates: cut at whole days.</summary>
    Date,
    /// <summary>Timestamps without an offset (or UTC ones, written with <c>Z</c>).</summary>
    DateTime,
    /// <summary>Timestamps with an offset: cut and written in UTC.</summary>
    DateTimeOffset,
}
