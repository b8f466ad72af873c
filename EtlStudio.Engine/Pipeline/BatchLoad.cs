using System.Diagnostics;
using System.Runtime.ExceptionServices;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Runs a producer and the load session side by side over a <see cref="BatchChannel"/>. The first failure
/// on either side cancels the other; the load session is then disposed without completing, which rolls back what
/// it had not committed (all of it for TruncateReplace).</summary>
internal sealed class BatchLoad(FlowDefinition flow, IDestinationLoader loader, IReadOnlyList<TargetColumn> columns, RunState state)
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
            var start = Stopwatch.GetTimestamp();
            await using var session = await loader.BeginAsync(flow.Destination, columns, cancellationToken);
            state.Time(RunStep.Load, start);
            await foreach (var batch in batches.Batches.ReadAllAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                start = Stopwatch.GetTimestamp();
                await session.WriteBatchAsync(batch, cancellationToken);
                state.Time(RunStep.Load, start);
                state.AddWritten(batch.Count);
                batches.Recycle(batch);
                state.Report(RunStep.Load);
            }
            start = Stopwatch.GetTimestamp();
            await session.CompleteAsync(cancellationToken);
            state.Time(RunStep.Load, start);
        }
        catch (Exception e)
        {
            Fail(e, linked);
            throw;
        }
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
