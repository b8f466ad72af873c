using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Staging;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Produces batches from the mapped rows an earlier run staged, skipping the rows the load's ledger already
/// holds (a staged row's origin is the staged file, its record the row's place in it). The staged output is
/// <c>mapped.parquet</c> or <c>mapped.ndjson</c>, whichever the staging run wrote.</summary>
internal sealed class StagedRowReplay(FlowDefinition flow, Guid stagedRunId, IReadOnlyList<TargetColumn> columns, IStagingStore staging, RunState state, CommittedRanges committed)
{
    private static string OriginOf(Guid runId, string artifact) => $"run {runId}/{artifact}";

    /// <summary>Whether a resume can load from this staged output: it is complete, and the ledger's receipts of what the
    /// load committed so far can be matched with its rows (they carry their source and record, or the load committed
    /// only rows of this staged file).</summary>
    public async Task<bool> CanResumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await (await staging.OpenReadAsync(stagedRunId, StagingNames.MappedComplete, cancellationToken)).DisposeAsync();
            if (await StagedMappedRows.FindAsync(staging, stagedRunId, cancellationToken) is not { } artifact) return false;
            var origin = OriginOf(stagedRunId, artifact);
            if (committed.IsEmpty || committed.OnlyFrom(LedgerSource.Key(origin))) return true;
            await using var reader = await StagedMappedRows.OpenAsync(staging, stagedRunId, artifact, origin, cancellationToken);
            return reader.HasPositions;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    public async Task ProduceAsync(BatchChannel batches, CancellationToken cancellationToken)
    {
        var found = await StagedMappedRows.FindAsync(staging, stagedRunId, cancellationToken);
        var origin = OriginOf(stagedRunId, found ?? StagingNames.Mapped);
        IMappedRowReader reader;
        try
        {
            if (found is null) throw new FileNotFoundException($"run {stagedRunId} has no staged mapped output", origin);
            // Completeness first: a Parquet file whose writer was killed has no footer and cannot even be opened.
            await RequireCompleteAsync(origin, cancellationToken);
            reader = await StagedMappedRows.OpenAsync(staging, stagedRunId, found, origin, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw new EtlDataException($"run {stagedRunId} has no staged mapped output to replay (was staging off, or was it deleted?)", origin, inner: e);
        }
        await using var _ = reader;
        // What the staged rows hold: a column's length, required flag and source field say how it was made, not its values.
        if (!reader.Columns.Select(c => (c.Name, c.Type, c.Precision, c.Scale)).SequenceEqual(columns.Select(c => (c.Name, c.Type, c.Precision, c.Scale))))
        {
            throw new EtlDataException(
                $"flow '{flow.Name}' now maps [{Describe(columns)}] but run {stagedRunId} staged [{Describe(reader.Columns)}]", origin);
        }
        var sinceCheck = 0;
        var line = 0L;
        while (await reader.ReadAsync(batches.Current, cancellationToken))
        {
            state.AddRead();
            // Rows staged with their source keep it, so receipts of the first run's batches match them; older staged
            // files name the staged file and the row's place in it.
            var (rowOrigin, record) = reader.HasPositions ? (reader.Origin ?? origin, reader.Record) : (origin, ++line);
            if (committed.Contains(rowOrigin, record))
            {
                state.AddSkipped();
                Array.Clear(batches.Current);
                continue;
            }
            await batches.AcceptAsync(rowOrigin, record, cancellationToken);
            if (++sinceCheck >= flow.BatchSize)
            {
                sinceCheck = 0;
                state.Report(RunStep.Extract);
            }
        }
        await batches.FlushAsync(cancellationToken);
    }

    private async Task RequireCompleteAsync(string origin, CancellationToken cancellationToken)
    {
        try
        {
            await (await staging.OpenReadAsync(stagedRunId, StagingNames.MappedComplete, cancellationToken)).DisposeAsync();
        }
        catch (FileNotFoundException e)
        {
            throw new EtlDataException("the staged mapped output is incomplete: the run that wrote it did not finish mapping", origin, inner: e);
        }
    }

    private static string Describe(IReadOnlyList<TargetColumn> columns) =>
        string.Join(", ", columns.Select(c => c.Precision is null ? $"{c.Name} {c.Type}" : $"{c.Name} {c.Type}({c.Precision},{c.Scale})"));
}
