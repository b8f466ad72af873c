namespace EtlStudio.Engine.Preview;

/// <summary>What a preview saw at each stage.</summary>
/// <param name="SourceOrigin">File, URL or query the sample came from (the first one when there are several).</param>
/// <param name="SourceLines">First lines of the first document as text (empty for database sources).</param>
/// <param name="Fields">Fields the parser detected (CSV header, JSON keys, XML paths, query columns).</param>
/// <param name="Rows">Up to the requested number of rows.</param>
/// <param name="MappingProblems">Problems of the mapping as a whole (duplicate or empty targets, bad cultures…); a run
/// would refuse to start with any of them.</param>
/// <param name="Error">Why the source or parser stopped early (unreachable host, missing file, broken document); null when it did not.</param>
/// <param name="MoreRows">True when the source has more rows than were read.</param>
public sealed record PreviewResult(
    string? SourceOrigin, IReadOnlyList<string> SourceLines, IReadOnlyList<string> Fields, IReadOnlyList<PreviewRow> Rows,
    IReadOnlyList<string> MappingProblems, string? Error, bool MoreRows)
{
    /// <summary>Rows the run would reject (a record error or at least one cell that does not convert).</summary>
    public int RejectedRows => Rows.Count(r => r.IsRejected);

    /// <summary>Rows the flow's row filter drops (neither loaded nor rejected).</summary>
    public int FilteredRows => Rows.Count(r => r.IsFiltered);
}
