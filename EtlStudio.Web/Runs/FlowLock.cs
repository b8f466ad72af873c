using Hangfire;
using Hangfire.Storage;

namespace EtlStudio.Web.Runs;

/// <summary>Hangfire's distributed lock <c>etl:flow:{id}</c>, held while a run of the flow executes, so a flow never
/// runs twice at the same time, across instances too (the lock lives in the job storage all instances share).</summary>
/// <remarks>The lock is taken and released on one dedicated thread: storages track lock ownership per thread
/// (Hangfire.Storage.SQLite keeps a thread-local count and would not release a lock disposed on another thread) or per
/// connection (SQL Server's session lock, PostgreSQL's lock row), and an async run hops threads. Waiting is done in
/// one-second slices so cancellation is seen while waiting.</remarks>
internal sealed class FlowLock : IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FlowLock() { }

    public static string Resource(int flowId) => $"etl:flow:{flowId}";

    /// <summary>The lock, or null when it stayed taken for <paramref name="wait"/>.</summary>
    public static async Task<FlowLock?> TryAcquireAsync(JobStorage storage, int flowId, TimeSpan wait, ILogger logger, CancellationToken cancellationToken)
    {
        var flowLock = new FlowLock();
        var acquired = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => flowLock.Hold(storage, Resource(flowId), wait, acquired, logger, cancellationToken))
        {
            IsBackground = true,
            Name = $"etl-flow-lock-{flowId}",
        };
        thread.Start();
        return await acquired.Task ? flowLock : null;
    }

    private void Hold(JobStorage storage, string resource, TimeSpan wait, TaskCompletionSource<bool> acquired, ILogger logger, CancellationToken cancellationToken)
    {
        IDisposable? handle = null;
        try
        {
            using var connection = storage.GetConnection();
            var deadline = DateTime.UtcNow + wait;
            while (handle is null && !cancellationToken.IsCancellationRequested)
            {
                var slice = deadline - DateTime.UtcNow;
                slice = slice > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : slice < TimeSpan.Zero ? TimeSpan.Zero : slice;
                try
                {
                    handle = connection.AcquireDistributedLock(resource, slice);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Timeouts are storage-specific (DistributedLockTimeoutException, PostgreSqlDistributedLockException),
                    // and two instances inserting the lock row at once make one of them fail: all mean "not yet".
                    if (DateTime.UtcNow >= deadline) break;
                    if (e is not DistributedLockTimeoutException) Thread.Sleep(100);
                }
            }
            if (cancellationToken.IsCancellationRequested)
            {
                handle?.Dispose();
                handle = null;
                acquired.TrySetCanceled(cancellationToken);
                return;
            }
            acquired.TrySetResult(handle is not null);
            if (handle is null) return;
            _release.Task.Wait(CancellationToken.None);
            ReleaseQuietly(handle, resource, logger);
            handle = null;
        }
        catch (Exception e)
        {
            acquired.TrySetException(e);
            if (handle is not null) ReleaseQuietly(handle, resource, logger);
        }
        finally
        {
            _released.TrySetResult();
        }
    }

    private static void ReleaseQuietly(IDisposable handle, string resource, ILogger logger)
    {
        try
        {
            handle.Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A lock that expired meanwhile (PostgreSQL storage: DistributedLockTimeout) cannot be released; the run is over anyway.
            RuntimeLog.FlowLockReleaseFailed(logger, resource, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _released.Task;
    }
}
