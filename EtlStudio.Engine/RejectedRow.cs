namespace EtlStudio.Engine;

/// <summary>A rejected row: where it came from and why.</summary>
/// <param name="Origin">File, URL or message origin.</param>
/// <param name="RowNumber">1-based record number within the origin.</param>
/// <param name="Column">Target column (or source field) at fault; null for a row-level problem.</param>
/// <param name="Value">The raw value, if any.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record RejectedRow(string Origin, long RowNumber, string? Column, string? Value, string Reason);
