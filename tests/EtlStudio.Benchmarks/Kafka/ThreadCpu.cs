using System.Globalization;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>CPU seconds of each live thread of this process, read from <c>/proc/self/task/*/stat</c> (Linux), with the
/// thread's name (<c>comm</c>, 15 characters at most). librdkafka names its threads <c>rdk:main</c> (a client's main thread),
/// <c>rdk:broker&lt;id&gt;</c> (one per broker connection, <c>rdk:broker-1</c> the internal one) and <c>rdk:mock</c> (a mock
/// cluster's own thread, <c>rd_kafka_mock_cluster_thread_main</c>).</summary>
internal static class ThreadCpu
{
    /// <summary>One thread: id, name, user + system CPU seconds so far.</summary>
    internal readonly record struct Sample(int Id, string Name, double Seconds);

    public static IReadOnlyList<Sample> Take()
    {
        var samples = new List<Sample>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                // Fields after the name in parentheses: utime and stime are the 12th and 13th.
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                samples.Add(new Sample(int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture), stat[(open + 1)..close], ticks / 100.0));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended while being read.
            }
        }
        return samples;
    }

    public static bool IsLibrdkafka(string name) => name.StartsWith("rdk:", StringComparison.Ordinal);
}
