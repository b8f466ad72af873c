using System.Globalization;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>CPU seconds of this process's threads between two moments, split into the in-process mock broker (the librdkafka
/// threads that were alive before the app started: the mock cluster owner's) and the app's librdkafka clients (every other
/// <c>rdk:</c> thread); the rest is .NET. A thread that ended between the two moments is missing from both samples, so its
/// CPU lands in the rest (the process total minus these two). librdkafka's <c>rd_kafka_consumer_poll</c> serves its queue on
/// the calling thread, so the client's share of a consume call is in the consume loop's thread (the rest), not here.</summary>
internal sealed class ThreadSplit
{
    private readonly List<(string Name, bool Broker, double Seconds)> _threads;

    private ThreadSplit(List<(string Name, bool Broker, double Seconds)> threads) => _threads = threads;

    public double Broker => _threads.Where(t => t.Broker).Sum(t => t.Seconds);

    public double Client => _threads.Where(t => !t.Broker && ThreadCpu.IsLibrdkafka(t.Name)).Sum(t => t.Seconds);

    public static ThreadSplit Between(IReadOnlyList<ThreadCpu.Sample> from, IReadOnlyList<ThreadCpu.Sample> to, IReadOnlySet<int> broker)
    {
        var before = from.ToDictionary(t => t.Id, t => t.Seconds);
        return new ThreadSplit(to.Select(t => (t.Name, broker.Contains(t.Id), t.Seconds - before.GetValueOrDefault(t.Id))).ToList());
    }

    /// <summary>Per thread name (same names summed, the mock owner's marked), largest first, e.g.
    /// <c>rdk:mock (broker) 1.20 s, .NET TP Worker ×6 3.10 s, …</c>.</summary>
    public string Describe(Func<double, double> scale) => string.Join(", ", _threads
        .GroupBy(t => (t.Name, t.Broker))
        .Select(g => (Label: g.Key.Name + (g.Key.Broker ? " (broker)" : "") + (g.Count() > 1 ? $" ×{g.Count()}" : ""), Seconds: g.Sum(t => t.Seconds)))
        .Where(g => g.Seconds > 0)
        .OrderByDescending(g => g.Seconds)
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Label} {scale(g.Seconds):0.00} s")));
}
