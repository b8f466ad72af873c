namespace EtlStudio.Engine.Preview;

/// <summary>One record through parse and map.</summary>
/// <param name="Origin">File, URL or message origin.</param>
/// <param name="RecordNumber">1-based record number within its origin.</param>
/// <param name="Values">Parsed values in <see cref="PreviewResult.Fields"/> order (shorter when fields appeared later).</param>
/// <param name="RecordError">A problem with the record as a whole (e.g. wrong field count); null when sound.</param>
/// <param name="Cells">Mapped cells in column order.</param>
public sealed record PreviewRow(string Origin, long RecordNumber, IReadOnlyList<string?> Values, string? RecordError, IReadOnlyList<PreviewCell> Cells)
{
    /// <summary>Whether the flow's row filter drops this row: a run counts it as filtered, neither loaded nor rejected.</summary>
    public bool IsFiltered { get; init; }

    /// <summary>Why the row filter fails for this row (a run rejects it, column "filter"); null when it does not.</summary>
    public string? FilterError { get; init; }

    /// <summary>Whether a run would reject this row.</summary>
    public bool IsRejected => RecordError is not null || FilterError is not null || (!IsFiltered && Cells.Any(c => c.Error is not null));
}
