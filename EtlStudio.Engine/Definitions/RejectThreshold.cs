namespace EtlStudio.Engine.Definitions;

/// <summary>Limits on rejected rows. Both null: no limit.</summary>
/// <param name="MaxCount">Fail once more than this many rows are rejected.</param>
/// <param name="MaxPercent">Fail once more than this percentage of rows read are rejected.</param>
public sealed record RejectThreshold(long? MaxCount, double? MaxPercent)
{
    /// <summary>No limit.</summary>
    public static RejectThreshold None { get; } = new(null, null);
}
