namespace EtlStudio.Engine.Loading;

/// <summary>What a load session did to the table so far.</summary>
/// <param name="Inserted">Rows that added a new row (Append and TruncateReplace: every row written; Upsert: rows whose key
/// was not in the table, counting a key repeated later in the load once).</param>
/// <param name="Updated">Upsert rows whose key was already in the table, or already written earlier in the same load.</param>
/// <param name="Deleted">TruncateReplace: the old rows the replace removes.</param>
public readonly record struct LoadCounts(long Inserted, long Updated, long Deleted)
{
    /// <summary>Both counts added together.</summary>
    public static LoadCounts operator +(LoadCounts left, LoadCounts right) =>
        new(left.Inserted + right.Inserted, left.Updated + right.Updated, left.Deleted + right.Deleted);
}
