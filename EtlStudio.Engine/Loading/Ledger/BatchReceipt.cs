namespace EtlStudio.Engine.Loading.Ledger;

/// <summary>What one committed batch covers in one source: records <paramref name="First"/> to <paramref name="Last"/>
/// of <paramref name="Source"/> (a file, URL, query, staged run, or a Kafka partition with offsets).</summary>
/// <param name="Source">The origin, as <see cref="LedgerSource.Key(string)"/> spells it.</param>
/// <param name="First">First record (or offset) covered.</param>
/// <param name="Last">Last record (or offset) covered. Records in between that the batch does not hold were rejected
/// or skipped: the receipt still covers them, so a resume does not read them again.</param>
/// <param name="Rows">Rows of the batch from this source that were committed.</param>
public readonly record struct BatchReceipt(string Source, long First, long Last, int Rows)
{
    /// <summary>The receipts of a batch: one per run of consecutive rows from the same origin. Empty when the batch
    /// does not carry its rows' origins.</summary>
    public static IReadOnlyList<BatchReceipt> Of(RowBatch batch)
    {
        if (batch.Origins is not { } origins || batch.Records is not { } records || batch.Count == 0) return [];
        var receipts = new List<BatchReceipt>(1);
        var start = 0;
        for (var r = 1; r <= batch.Count; r++)
        {
            if (r < batch.Count && (ReferenceEquals(origins[r], origins[start]) || string.Equals(origins[r], origins[start], StringComparison.Ordinal))) continue;
            if (origins[start] is { } origin)
            {
                receipts.Add(new BatchReceipt(LedgerSource.Key(origin), Min(records, start, r), Max(records, start, r), r - start));
            }
            start = r;
        }
        return receipts;
    }

    private static long Min(long[] records, int from, int to)
    {
        var min = long.MaxValue;
        for (var i = from; i < to; i++) min = Math.Min(min, records[i]);
        return min;
    }

    private static long Max(long[] records, int from, int to)
    {
        var max = long.MinValue;
        for (var i = from; i < to; i++) max = Math.Max(max, records[i]);
        return max;
    }
}
