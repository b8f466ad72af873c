using System.Collections.Concurrent;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Http;

/// <summary>A clock stopped at <paramref name="now"/> whose delays complete at once and are recorded, so retry waits
/// are checked exactly without a test ever sleeping.</summary>
internal sealed class RecordingTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero) _delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
