using System.Collections.Concurrent;

namespace EtlStudio.Web.Triggers;

/// <summary>Live state of the Kafka triggers of this instance, for the health check. Healthy while no problem is
/// reported; each problem clears itself when the consumer sees the cause go away.</summary>
public sealed class KafkaHealth
{
    private readonly ConcurrentDictionary<(int TriggerId, KafkaProblem Problem), string> _problems = new();
    private int _running;

    /// <summary>Consumers running on this instance.</summary>
    public int RunningConsumers => Volatile.Read(ref _running);

    /// <summary>Current problems as "trigger N problem: reason", in trigger order; empty when healthy.</summary>
    public IReadOnlyList<string> Problems =>
        [.. _problems.OrderBy(p => p.Key.TriggerId).ThenBy(p => p.Key.Problem).Select(p => $"trigger {p.Key.TriggerId} {p.Key.Problem}: {p.Value}")];

    internal void Report(int triggerId, KafkaProblem problem, string reason) => _problems[(triggerId, problem)] = reason;

    internal void Clear(int triggerId, KafkaProblem problem) => _problems.TryRemove((triggerId, problem), out _);

    /// <summary>The trigger's consumer stopped: its problems go with it.</summary>
    internal void Forget(int triggerId)
    {
        foreach (var key in _problems.Keys.Where(k => k.TriggerId == triggerId)) _problems.TryRemove(key, out _);
    }

    internal void SetRunning(int count) => Volatile.Write(ref _running, count);
}
