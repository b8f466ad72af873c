using System.ComponentModel;
using System.Diagnostics;

namespace EtlStudio.Engine;

/// <summary>Whether a process of this machine that owned something since a moment has gone.</summary>
public static class ProcessLiveness
{
    /// <summary>True when no process has <paramref name="pid"/>, or the one that has it started after
    /// <paramref name="ownedSinceUtc"/> (the pid was reused, as a restarted container's pid 1 is). False when it may still
    /// run, or when it may not be inspected.</summary>
    public static bool IsGone(int pid, DateTime ownedSinceUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // Start times come from the kernel's boot time in whole seconds: a second of slack keeps a live owner alive.
            return process.StartTime.ToUniversalTime() > ownedSinceUtc.AddSeconds(1);
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Exited meanwhile (InvalidOperationException) is gone too, but a process we may not inspect is not known gone.
            return e is InvalidOperationException;
        }
    }
}
