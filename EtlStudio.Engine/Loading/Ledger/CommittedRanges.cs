namespace EtlStudio.Engine.Loading.Ledger;

/// <summary>What the ledger says a load already committed: per source, the record (or offset) ranges of its
/// receipts. A resume skips a record inside one of them; a message batch skips a message at or below its partition's
/// last committed offset.</summary>
public sealed class CommittedRanges
{
    private readonly Dictionary<string, (long First, long Last)[]> _ranges;
    private readonly Dictionary<string, long> _rows;
    private string? _lastOrigin;
    private (long First, long Last)[]? _lastRanges;

    /// <summary>Nothing committed.</summary>
    public static CommittedRanges None { get; } = new([]);

    /// <summary>Builds the set from receipts (any order, overlapping allowed).</summary>
    public CommittedRanges(IEnumerable<BatchReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var list = receipts.ToList();
        Receipts = list.Count;
        Rows = list.Sum(r => (long)r.Rows);
        _rows = list.GroupBy(r => r.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => (long)r.Rows), StringComparer.Ordinal);
        _ranges = list.GroupBy(r => r.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Merge(g), StringComparer.Ordinal);
    }

    /// <summary>Receipts read.</summary>
    public int Receipts { get; }

    /// <summary>Rows the receipts say were committed.</summary>
    public long Rows { get; }

    /// <summary>Rows the receipts of <paramref name="origins"/> (record origins, as <see cref="Contains"/> takes them) say
    /// were committed: one partition's share of a load that several partitions write.</summary>
    public long RowsFrom(IEnumerable<string> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        return origins.Select(o => LedgerSource.Key(o)).Distinct(StringComparer.Ordinal).Sum(key => _rows.GetValueOrDefault(key));
    }

    /// <summary>True when the load committed nothing yet.</summary>
    public bool IsEmpty => Receipts == 0;

    /// <summary>Whether record <paramref name="record"/> of <paramref name="origin"/> is covered by a receipt. Not
    /// thread-safe: it remembers the last origin so a source read in order costs one dictionary look-up per document.</summary>
    public bool Contains(string origin, long record)
    {
        if (_ranges.Count == 0) return false;
        if (!ReferenceEquals(origin, _lastOrigin))
        {
            _lastOrigin = origin;
            _lastRanges = _ranges.GetValueOrDefault(LedgerSource.Key(origin));
        }
        return _lastRanges is { } ranges && Covers(ranges, record);
    }

    /// <summary>Whether every receipt is of <paramref name="source"/> (a ledger key).</summary>
    public bool OnlyFrom(string source) => _ranges.Keys.All(k => string.Equals(k, source, StringComparison.Ordinal));

    /// <summary>The last record (offset) committed from <paramref name="source"/> (a ledger key), or null.</summary>
    public long? Last(string source) => _ranges.TryGetValue(source, out var ranges) ? ranges[^1].Last : null;

    private static bool Covers((long First, long Last)[] ranges, long record)
    {
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (record < ranges[mid].First) hi = mid - 1;
            else if (record > ranges[mid].Last) lo = mid + 1;
            else return true;
        }
        return false;
    }

    private static (long First, long Last)[] Merge(IEnumerable<BatchReceipt> receipts)
    {
        var merged = new List<(long First, long Last)>();
        foreach (var r in receipts.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && r.First <= merged[^1].Last + 1) merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, r.Last));
            else merged.Add((r.First, r.Last));
        }
        return [.. merged];
    }
}
