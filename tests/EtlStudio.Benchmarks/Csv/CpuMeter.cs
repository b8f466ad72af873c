using System.Globalization;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>CPU seconds spent by the load's client (the psql or engine child, reaped by this process) and by the
/// PostgreSQL cluster (postmaster, its live processes and its reaped backends). On a shared machine the wall clock says
/// as much about the neighbours as about the load; CPU time says what each side costs.</summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux
    private readonly int _postmaster;

    private CpuMeter(int postmaster) => _postmaster = postmaster;

    public static CpuMeter ForServerOnPort(int port)
    {
        var needle = $"\0-p\0{port.ToString(CultureInfo.InvariantCulture)}\0";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.StartsWith("/usr/lib/postgresql/", StringComparison.Ordinal) && cmdline.Contains(needle, StringComparison.Ordinal)) return new CpuMeter(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        throw new InvalidOperationException($"no postmaster listening on port {port} found in /proc");
    }

    /// <summary>(children of this process, PostgreSQL cluster) in CPU seconds so far.</summary>
    public (double Client, double Server) Sample()
    {
        var self = Stat("/proc/self/stat");
        var server = Stat($"/proc/{_postmaster}/stat");
        var serverTicks = server.Own + server.Children;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var stat = Stat(Path.Combine(dir, "stat"));
                if (stat.Parent == _postmaster) serverTicks += stat.Own;
            }
            catch (IOException)
            {
            }
        }
        return (self.Children / TicksPerSecond, serverTicks / TicksPerSecond);
    }

    private static (int Parent, long Own, long Children) Stat(string path)
    {
        var text = File.ReadAllText(path);
        // Fields after the parenthesised command name, which may itself contain spaces.
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return ((int)L(4), L(14) + L(15), L(16) + L(17));
    }
}
