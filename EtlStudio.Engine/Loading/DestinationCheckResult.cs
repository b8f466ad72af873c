namespace EtlStudio.Engine.Loading;

/// <summary>Result of checking the destination table against the mapping, every problem listed.</summary>
/// <param name="Problems">Missing table/columns, incompatible types, missing key; empty when fine.</param>
public sealed record DestinationCheckResult(IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>What the table would refuse of a mapped row, for the run to reject such rows one by one
    /// (<see cref="TargetRules.None"/> when the check failed or the loader reads no catalog).</summary>
    public TargetRules Rules { get; init; } = TargetRules.None;
}
