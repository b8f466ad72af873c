using System.Globalization;

namespace EtlStudio.Engine.Sources;

/// <summary>Temporary copies of documents that must be read by seeking (a zip, an Excel workbook or a Parquet file from a
/// blob or an HTTP body) live in the system temp folder, named <c>etlstudio-{kind}-{pid}-{guid}</c>. They are deleted
/// when the reader closes; a process killed mid-read leaves its copies, which <see cref="SweepOrphans"/> deletes at
/// the next start: those whose process no longer runs (or whose pid now belongs to a process started after the copy
/// was made). Copies of live processes, other instances on the same machine included, are left alone.</summary>
public static class TempCopies
{
    private const string Prefix = "etlstudio-";

    /// <summary>A new, unused path in <paramref name="folder"/> (the system temp folder by default) for this process.</summary>
    public static string NewPath(string kind, string? folder = null) => Path.Combine(folder ?? Path.GetTempPath(),
        $"{Prefix}{kind}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");

    /// <summary>Deletes the copies (files and folders) that processes which no longer run left in <paramref name="folder"/>;
    /// returns how many. Entries that cannot be deleted are skipped.</summary>
    public static int SweepOrphans(string? folder = null)
    {
        var swept = 0;
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(folder ?? Path.GetTempPath(), Prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (var entry in entries)
        {
            if (!TryOwner(Path.GetFileName(entry), out var pid) || !IsOrphan(entry, pid)) continue;
            try
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
                swept++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or not ours: left for the next start.
            }
        }
        return swept;
    }

    /// <summary>The pid in <c>etlstudio-{kind}-{pid}-{32 hex}</c>.</summary>
    private static bool TryOwner(string name, out int pid)
    {
        pid = 0;
        var last = name.LastIndexOf('-');
        if (last < 0 || name.Length - last - 1 != 32) return false;
        var before = name.LastIndexOf('-', last - 1);
        return before > Prefix.Length && int.TryParse(name.AsSpan(before + 1, last - before - 1), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }

    /// <summary>Its process is gone, or the pid now belongs to a process started after the copy was last written.</summary>
    private static bool IsOrphan(string entry, int pid) =>
        pid != Environment.ProcessId && ProcessLiveness.IsGone(pid, File.GetLastWriteTimeUtc(entry));
}
