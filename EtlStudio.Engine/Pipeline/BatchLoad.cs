using System.Runtime.ExceptionServices;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Runs a producer and the load lanes side by side over a <see cref="BatchChannel"/>. A lane is one load
/// session (its own connection) writing the batches it takes from the channel. A failure anywhere is the run's error;
/// each lane's session is then disposed without completing, which rolls back what it had not committed (all of it for
/// TruncateReplace).</summary>
/// <remarks>
/// <para>Lanes: <see cref="FlowDefinition.LoadParallelism"/> for an Append that is not a dry run, because Append commits
/// each batch on its own, so batches may commit in any order on several connections. Everything else keeps one
/// session: Upsert so that a key's last row wins in batch order, TruncateReplace and a dry run because they are one
/// transaction. SQLite also keeps one: it allows one writer per database file, so a second session would only wait for
/// its lock. Lanes after the first open their session with their first batch, so a one-batch run opens one.</para>
/// <para>Each batch is staged (when <c>mapped</c> is given) just before it is loaded, by the lane that takes it, while it
/// holds the channel: staging has one writer and keeps the producer's order. A producer failure cancels the load. A
/// load failure stops the other lanes and cancels the producer too, unless staging is on: then the producer runs to the
/// end and its batches are staged but not loaded, so the staged output is whole and the load can be replayed later
/// without extracting again (the point of staging when the database was down). A dry run opens the session with
/// <see cref="IDestinationLoader.BeginDryRunAsync"/>: the same batches, one transaction, rolled back at the end.</para>
/// <para>With a <paramref name="ledger"/> every session records each batch's receipts as it commits it; an atomic ledger
/// load (message batches) keeps one lane and one transaction.</para>
/// <para>A batch the database refuses for its data (a CHECK, foreign key or unique constraint, a value only the server
/// could judge) is split in two and each half written again, down to the single rows it refused, which become located
/// rejects through <paramref name="rejects"/> (within the reject threshold) while the rest loads.</para>
/// </remarks>
internal sealed class BatchLoad(FlowDefinition flow, IDestinationLoader loader, IReadOnlyList<TargetColumn> columns, RunState state, MappedStaging? mapped,
    RejectGate rejects, LoadLedger? ledger, bool dryRun = false)
{
    private readonly SemaphoreSlim _take = new(1, 1);
    private Exception? _firstError;
    private bool _stagedAll;

    private int Lanes =>
        flow.Destination.Mode == LoadMode.Append && !dryRun && flow.Destination.Provider != DatabaseProvider.Sqlite && ledger?.IsAtomic != true ? flow.LoadParallelism : 1;

    public async Task RunAsync(Func<BatchChannel, CancellationToken, Task> produce, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lanes = Lanes;
        var batches = new BatchChannel(flow.BatchSize, columns.Count, lanes);
        // The producer gets its own thread so parsing a batch overlaps with loading the previous one.
        var producer = Task.Run(async () =>
        {
            try
            {
                await produce(batches, linked.Token);
                batches.Complete();
            }
            catch (Exception e)
            {
                Fail(e, linked);
                batches.Complete(e);
                throw;
            }
        }, CancellationToken.None);
        var consumer = ConsumeAsync(batches, lanes, linked);
        try
        {
            await Task.WhenAll(producer, consumer);
        }
        catch (Exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Capture(_firstError!).Throw();
        }
    }

    private async Task ConsumeAsync(BatchChannel batches, int lanes, CancellationTokenSource linked)
    {
        using var loading = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => LaneAsync(lane, batches, loading, linked)));
        }
        catch (Exception e) when (mapped is not null && !linked.IsCancellationRequested)
        {
            // A load failed with staging on: stage what the producer still makes, loading none of it.
            try
            {
                while (await TakeAsync(batches, linked.Token, linked.Token) is { } batch) batches.Recycle(batch);
            }
            catch (Exception)
            {
                // Staging broke too, or the producer failed: stop the producer, which may wait on the channel.
                Fail(e, linked);
            }
            throw;
        }
    }

    private async Task LaneAsync(int lane, BatchChannel batches, CancellationTokenSource loading, CancellationTokenSource linked)
    {
        var cancellationToken = loading.Token;
        ILoadSession? session = null;
        try
        {
            // Lane 0 opens its session up front (a TruncateReplace empties the table even when the source is empty);
            // the others once they get a batch, so that a small run opens no connection it does not need.
            if (lane == 0) session = await BeginAsync(lane, cancellationToken);
            while (await TakeAsync(batches, cancellationToken, linked.Token) is { } batch)
            {
                try
                {
                    session ??= await BeginAsync(lane, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                    await WriteAsync(session, batch, cancellationToken);
                }
                finally
                {
                    batches.Recycle(batch);
                }
                state.SetLoaded(lane, session.Counts);
                state.Report(RunStep.Load);
            }
            if (session is not null)
            {
                RefuseEmptyReplace();
                using (state.Loading()) await session.CompleteAsync(cancellationToken);
            }
        }
        catch (Exception e)
        {
            // Stop the others before disposing, which can take a round trip. With staging on only the lanes stop:
            // the producer goes on so that the staged output is whole.
            Fail(e, mapped is null ? linked : loading);
            throw;
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
    }

    /// <summary>Writes <paramref name="batch"/>; when the database refuses it for its data, writes its halves, down to
    /// single rows that become rejects.</summary>
    private async Task WriteAsync(ILoadSession session, RowBatch batch, CancellationToken cancellationToken)
    {
        // The batch's receipt covers the rows rejected between its records: they are stored before it commits.
        if (!dryRun) await rejects.FlushAsync(cancellationToken);
        try
        {
            using (state.Loading()) await session.WriteBatchAsync(batch, cancellationToken);
        }
        catch (LoadRowException e) when (session.CanRewriteRefusedBatch)
        {
            if (batch.Count == 1)
            {
                var (origin, record) = batch.SourceOf(0);
                await rejects.RejectAsync(new RejectedRow(origin ?? e.Origin ?? flow.Destination.Table, record ?? e.Record ?? 0, e.Column, e.Value, e.Reason), cancellationToken);
                return;
            }
            var half = batch.Count / 2;
            await WriteAsync(session, Slice(batch, 0, half), cancellationToken);
            await WriteAsync(session, Slice(batch, half, batch.Count - half), cancellationToken);
            return;
        }
        state.AddWritten(batch.Count);
    }

    private static RowBatch Slice(RowBatch batch, int start, int count) => new(
        batch.Rows[start..(start + count)], count,
        batch.Origins is { } origins ? origins[start..(start + count)] : null,
        batch.Records is { } records ? records[start..(start + count)] : null);

    /// <summary>A replace that would leave the table empty is refused unless the flow allows it: its transaction is then
    /// rolled back and the old rows stay.</summary>
    private void RefuseEmptyReplace()
    {
        if (flow.Destination.Mode != LoadMode.TruncateReplace || dryRun || flow.AllowEmptyReplace || state.Written > 0) return;
        throw new EtlDataException(
            $"flow '{flow.Name}': the replace would empty {flow.Destination.Table}: the source gave no rows to load ({state.Read} read, {state.Rejected} rejected, {state.Filtered} filtered). " +
            "The table keeps its rows; allow an empty replace in the flow's Load settings if an empty source is expected.", flow.Destination.Table);
    }

    private async Task<ILoadSession> BeginAsync(int lane, CancellationToken cancellationToken)
    {
        ILoadSession session;
        using (state.Loading())
        {
            session = dryRun
                ? await loader.BeginDryRunAsync(flow.Destination, columns, cancellationToken)
                : await loader.BeginAsync(flow.Destination, columns, ledger, cancellationToken);
        }
        state.SetLoaded(lane, session.Counts);
        return session;
    }

    /// <summary>The next batch, staged, or null at the end of the channel, after marking the staged output complete.
    /// Staging runs under <paramref name="run"/> only, so stopping the lanes never cuts a batch in half.</summary>
    private async Task<RowBatch?> TakeAsync(BatchChannel batches, CancellationToken cancellationToken, CancellationToken run)
    {
        await _take.WaitAsync(cancellationToken);
        try
        {
            if (await batches.Batches.WaitToReadAsync(cancellationToken) && batches.Batches.TryRead(out var batch))
            {
                if (mapped is not null) await mapped.WriteAsync(batch, run);
                return batch;
            }
            if (mapped is not null && !_stagedAll)
            {
                await mapped.CompleteAsync(run);
                _stagedAll = true;
            }
            return null;
        }
        finally
        {
            _take.Release();
        }
    }

    private void Fail(Exception e, CancellationTokenSource cancel)
    {
        // Only the first failure is the cause; the others then fail with cancellation, which is noise.
        Interlocked.CompareExchange(ref _firstError, e, null);
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
