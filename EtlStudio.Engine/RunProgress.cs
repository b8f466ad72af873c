namespace EtlStudio.Engine;

/// <summary>Progress while a run goes on.</summary>
/// <param name="Step">Current step.</param>
/// <param name="RowsRead">Records read so far.</param>
/// <param name="RowsWritten">Rows committed (or written into the open replace transaction) so far.</param>
/// <param name="RowsRejected">Rows rejected so far.</param>
/// <param name="RowsSkipped">Rows skipped so far because an earlier run of the load committed them.</param>
/// <param name="RowsFiltered">Rows the flow's row filter dropped so far.</param>
public readonly record struct RunProgress(RunStep Step, long RowsRead, long RowsWritten, long RowsRejected, long RowsSkipped = 0, long RowsFiltered = 0);
