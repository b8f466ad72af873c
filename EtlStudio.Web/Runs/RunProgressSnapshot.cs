using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>A run's recorded state and counts, as the live progress panel re-reads them.</summary>
public sealed record RunProgressSnapshot(RunStatus Status, long RowsRead, long RowsWritten, long RowsRejected, DateTime? StartedUtc, DateTime? EndedUtc, string? Error, long RowsFiltered = 0);
