namespace EtlStudio.Engine.Preview;

/// <summary>One mapped cell: the typed value, or the raw value and why it does not convert.</summary>
/// <param name="Value">Converted value (typed as the column says) or null.</param>
/// <param name="Raw">Source text of a cell that failed.</param>
/// <param name="Error">Why the cell fails; null when it converts.</param>
public readonly record struct PreviewCell(object? Value, string? Raw, string? Error);
