using System.Diagnostics;
using EtlStudio.Benchmarks.Csv;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>Counts loaded messages and marks the end of the warm-up (the first <paramref name="warmUp"/> messages) and the
/// end (<paramref name="expected"/> messages): time, this process's CPU (in total and per thread) and the PostgreSQL cluster's CPU at each, so the
/// sustained rate and the CPU per message leave out start-up, group join and JIT.</summary>
internal sealed class BatchMeter(long warmUp, long expected, CpuMeter server)
{
    private readonly Lock _lock = new();
    private long _done;
    private int _batches;
    private long _inRuns;

    public TaskCompletionSource AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Mark? WarmedUp { get; private set; }

    public Mark? End { get; private set; }

    public int Batches => _batches;

    public long Done => Interlocked.Read(ref _done);

    /// <summary>Time spent inside runs (the rest is consuming, dead letters and offsets), summed over parallel partitions.</summary>
    public TimeSpan InRuns => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _inRuns));

    public long Started() => Stopwatch.GetTimestamp();

    public void Ended(long started, int loaded)
    {
        Interlocked.Add(ref _inRuns, Stopwatch.GetTimestamp() - started);
        if (loaded == 0) return;
        Interlocked.Increment(ref _batches);
        var done = Interlocked.Add(ref _done, loaded);
        lock (_lock)
        {
            if (WarmedUp is null && done >= warmUp) WarmedUp = Take(done);
            if (End is null && done >= expected)
            {
                End = Take(done);
                AllDone.TrySetResult();
            }
        }
    }

    private Mark Take(long done) =>
        new(done, Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, server.Sample().Server, ThreadCpu.Take(),
            GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>Messages loaded, timestamp, CPU seconds of this process, of the PostgreSQL cluster and of each live thread
    /// of this process, bytes allocated by this process and its garbage collections so far, at one moment.</summary>
    internal sealed record Mark(long Done, long Timestamp, double AppCpu, double ServerCpu, IReadOnlyList<ThreadCpu.Sample> Threads,
        long Allocated, int Gen0, int Gen1, int Gen2);
}
