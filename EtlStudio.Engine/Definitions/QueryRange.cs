namespace EtlStudio.Engine.Definitions;

/// <summary>One partition of a query source, as Spark's JDBC source cuts a table: the rows whose
/// <see cref="Column"/> is at least <see cref="Lower"/> and below <see cref="Upper"/>. The first range of a run has no
/// lower bound and also holds the NULLs; the last has no upper bound. So the ranges of a run together hold every row of
/// the query exactly once, whatever its values (outside the declared bounds, skewed, NULL).</summary>
public sealed record QueryRange
{
    /// <summary>Column of the query's result, exactly as the query returns it (quoted for the database).</summary>
    public required string Column { get; init; }
    /// <summary>How <see cref="Lower"/> and <see cref="Upper"/> are read.</summary>
    public required RangeKind Kind { get; init; }
    /// <summary>Inclusive lower bound as invariant text; null: no lower bound, NULLs included (the first range).</summary>
    public string? Lower { get; init; }
    /// <summary>Exclusive upper bound as invariant text; null: no upper bound (the last range).</summary>
    public string? Upper { get; init; }

    /// <summary>The range in words, as it appears in the partition's origin (and so in its ledger key): <c>id &lt; 100 or
    /// null</c>, <c>100 &lt;= id &lt; 200</c>, <c>id &gt;= 200</c>.</summary>
    public override string ToString() => (Lower, Upper) switch
    {
        (null, null) => $"{Column}: all rows",
        (null, { } upper) => $"{Column} < {upper} or null",
        ({ } lower, null) => $"{Column} >= {lower}",
        ({ } lower, { } upper) => $"{lower} <= {Column} < {upper}",
    };
}
