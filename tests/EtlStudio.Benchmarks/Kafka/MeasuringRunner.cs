using System.Diagnostics;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Triggers;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>Times the runs of the trigger: from the first batch handed in to the last one done.</summary>
internal sealed class MeasuringRunner(IMessageBatchRunner inner, int expected) : IMessageBatchRunner
{
    private long _first;
    private long _last;
    private long _done;
    private int _batches;
    private long _inRuns;

    public TaskCompletionSource AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Batches => _batches;

    public long Done => Interlocked.Read(ref _done);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_first, _last);

    /// <summary>Time spent inside runs (the rest is consuming, dead letters and offsets).</summary>
    public TimeSpan InRuns => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _inRuns));

    public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _first, start, 0);
        var result = await inner.RunAsync(trigger, messages, cancellationToken);
        Interlocked.Add(ref _inRuns, Stopwatch.GetTimestamp() - start);
        if (!result.Succeeded) return result;
        _last = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _batches);
        if (Interlocked.Add(ref _done, messages.Count) >= expected) AllDone.TrySetResult();
        return result;
    }
}
