namespace EtlStudio.Engine.Loading;

/// <summary>What the destination would refuse of a mapped row, read from its catalog by the destination check
/// (<see cref="DestinationCheckResult.Rules"/>): NOT NULL, text length, numeric precision, and provider facts such as
/// PostgreSQL's refusal of U+0000. The run checks every mapped row before it is batched, so a bad value becomes a
/// located reject instead of a failed batch.</summary>
/// <remarks>Only the columns that have a rule are looked at; a row that breaks none costs no allocation.</remarks>
public sealed class TargetRules
{
    private readonly int[] _indexes;
    private readonly ColumnRule[] _rules;

    private TargetRules(int[] indexes, ColumnRule[] rules) => (_indexes, _rules) = (indexes, rules);

    /// <summary>No rules: every row passes (a loader that does not read a catalog).</summary>
    public static TargetRules None { get; } = new([], []);

    /// <summary>True when no row can break a rule.</summary>
    public bool IsEmpty => _rules.Length == 0;

    /// <summary>Rules for target columns in row order; columns whose rule is empty are left out.</summary>
    internal static TargetRules For(IReadOnlyList<ColumnRule> rules)
    {
        var indexes = new List<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (!rules[i].IsEmpty) indexes.Add(i);
        }
        return indexes.Count == 0 ? None : new([.. indexes], [.. indexes.Select(i => rules[i])]);
    }

    /// <summary>The first rule <paramref name="row"/> breaks, in column order, as a reject of record
    /// <paramref name="recordNumber"/> of <paramref name="origin"/>; null when the row fits.</summary>
    /// <param name="row">A mapped row: values in <see cref="TargetColumn"/> order.</param>
    /// <param name="origin">File, URL or message origin of the row.</param>
    /// <param name="recordNumber">1-based record number within <paramref name="origin"/>.</param>
    public RejectedRow? Check(object?[] row, string origin, long recordNumber)
    {
        ArgumentNullException.ThrowIfNull(row);
        var rules = _rules;
        for (var i = 0; i < rules.Length; i++)
        {
            var value = row[_indexes[i]];
            if (rules[i].Violation(value) is { } reason)
            {
                return new RejectedRow(origin, recordNumber, rules[i].Column, Shown(value), reason);
            }
        }
        return null;
    }

    /// <summary>The value as every located error shows it: invariant text, cut and with control characters escaped.</summary>
    private static string? Shown(object? value) => LoadRowError.Text(value) is { } text ? EtlDataException.Shorten(text) : null;
}
