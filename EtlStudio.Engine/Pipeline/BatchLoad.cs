using System.Diagnostics;
using System.Runtime.ExceptionServices;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Runs a producer and the load session side by side over a <see cref="BatchChannel"/>. A failure on either
/// side is the run's error; the load session is then disposed without completing, which rolls back what it had not
/// committed (all of it for TruncateReplace).</summary>
/// <remarks>Each batch is staged (when <paramref name="mapped"/> is given) just before it is loaded. A producer failure
/// cancels the load. A load failure cancels the producer too, unless staging is on: then the producer runs to the end
/// and its batches are staged but not loaded, so the staged output is whole and the load can be replayed later
/// without extracting again (the point of staging when the database was down). A dry run opens the session with
/// <see cref="IDestinationLoader.BeginDryRunAsync"/>: the same batches, one transaction, rolled back at the end.</remarks>
internal sealed class BatchLoad(FlowDefinition flow, IDestinationLoader loader, IReadOnlyList<TargetColumn> columns, RunState state, MappedStaging? mapped, bool dryRun = false)
{
    private Exception? _firstError;

    public async Task RunAsync(Func<BatchChannel, CancellationToken, Task> produce, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = new BatchChannel(flow.BatchSize, columns.Count);
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
        var consumer = ConsumeAsync(batches, linked);
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

    private async Task ConsumeAsync(BatchChannel batches, CancellationTokenSource linked)
    {
        var cancellationToken = linked.Token;
        try
        {
            await LoadAsync(batches, cancellationToken);
        }
        catch (Exception e) when (mapped is not null && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.CompareExchange(ref _firstError, e, null);
            try
            {
                await foreach (var batch in batches.Batches.ReadAllAsync(cancellationToken))
                {
                    await mapped.WriteAsync(batch, cancellationToken);
                    batches.Recycle(batch);
                }
                await mapped.CompleteAsync(cancellationToken);
            }
            catch (Exception)
            {
                // Staging broke too, or the producer failed: stop the producer, which may wait on the channel.
                Fail(e, linked);
            }
            throw;
        }
        catch (Exception e)
        {
            Fail(e, linked);
            throw;
        }
    }

    private async Task LoadAsync(BatchChannel batches, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await using var session = dryRun
            ? await loader.BeginDryRunAsync(flow.Destination, columns, cancellationToken)
            : await loader.BeginAsync(flow.Destination, columns, cancellationToken);
        state.Time(RunStep.Load, start);
        state.Loaded = session.Counts;
        await foreach (var batch in batches.Batches.ReadAllAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (mapped is not null) await mapped.WriteAsync(batch, cancellationToken);
            start = Stopwatch.GetTimestamp();
            await session.WriteBatchAsync(batch, cancellationToken);
            state.Time(RunStep.Load, start);
            state.AddWritten(batch.Count);
            state.Loaded = session.Counts;
            batches.Recycle(batch);
            state.Report(RunStep.Load);
        }
        if (mapped is not null) await mapped.CompleteAsync(cancellationToken);
        start = Stopwatch.GetTimestamp();
        await session.CompleteAsync(cancellationToken);
        state.Time(RunStep.Load, start);
    }

    private void Fail(Exception e, CancellationTokenSource linked)
    {
        // Only the first failure is the cause; the other side then fails with cancellation, which is noise.
        Interlocked.CompareExchange(ref _firstError, e, null);
        try
        {
            linked.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
