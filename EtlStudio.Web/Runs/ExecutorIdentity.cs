using System.Globalization;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>Who executes runs in this process: <c>machine:pid:instance</c>, one per host (two hosts in one process, as in
/// tests, are two executors). A claimed run records it in <c>FlowRun.Executor</c>, and the Hangfire server is named after
/// it, so a run whose process is gone can be told apart from a run that is merely slow.</summary>
internal sealed class ExecutorIdentity
{
    public ExecutorIdentity() : this(Environment.MachineName, Environment.ProcessId, Guid.NewGuid())
    {
    }

    internal ExecutorIdentity(string machine, int processId, Guid instance)
    {
        Machine = machine;
        ProcessId = processId;
        Name = $"{machine}:{processId.ToString(CultureInfo.InvariantCulture)}:{instance:N}";
    }

    public string Machine { get; }

    public int ProcessId { get; }

    /// <summary><c>machine:pid:instance</c>.</summary>
    public string Name { get; }

    /// <summary>Hangfire names a server <c>{ServerName}:{pid}:{guid}</c>, lower-cased, and a new guid each time it
    /// restarts; the server of <paramref name="executor"/> is the one whose name starts with it.</summary>
    public static bool IsServerOf(string executor, string serverName) =>
        serverName.Length > executor.Length && serverName[executor.Length] == ':' && serverName.StartsWith(executor, StringComparison.OrdinalIgnoreCase);

    /// <summary>An executor as people read it: <c>machine (pid 1234)</c>; anything else as it is.</summary>
    public static string Describe(string executor) =>
        TryParse(executor, out var machine, out var pid) ? $"{machine} (pid {pid.ToString(CultureInfo.InvariantCulture)})" : executor;

    private static bool TryParse(string executor, out string machine, out int pid)
    {
        var last = executor.LastIndexOf(':');
        var middle = last > 0 ? executor.LastIndexOf(':', last - 1) : -1;
        machine = middle > 0 ? executor[..middle] : "";
        pid = 0;
        return middle > 0 && int.TryParse(executor.AsSpan(middle + 1, last - middle - 1), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }

    /// <summary>True when <paramref name="executor"/> was a process of this machine that no longer runs: no process has
    /// its pid, or the one that has it started after the run was claimed (the pid was reused, as a restarted container's
    /// pid 1 is). False when it may still run, or when it is not of this machine or not ours to read.</summary>
    public bool IsDeadOnThisMachine(string executor, DateTime claimedUtc)
    {
        if (!TryParse(executor, out var machine, out var pid)) return false;
        return string.Equals(machine, Machine, StringComparison.OrdinalIgnoreCase) && ProcessLiveness.IsGone(pid, claimedUtc);
    }
}
