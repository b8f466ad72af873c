using System.Globalization;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>CPU time of the PostgreSQL backends serving one database, read from /proc (Linux): their process title
/// is <c>postgres: &lt;user&gt; &lt;database&gt; …</c>. The machine is shared, so wall-clock rates alone say little;
/// CPU per message says what the load costs.</summary>
internal static class BackendCpu
{
    public static TimeSpan Of(string database)
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var title = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!title.StartsWith($"postgres: postgres {database} ", StringComparison.Ordinal)) continue;
                // Fields after the command name in parentheses: utime and stime are the 12th and 13th.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }
        // USER_HZ is 100 on Linux.
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
