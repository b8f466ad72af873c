using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Archives;

/// <summary>A temp folder per test with compressed files made by .NET and by other writers (the <c>gzip</c> and
/// <c>zip</c> command line tools, Python's zipfile module).</summary>
internal sealed class ArchiveFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("etl-archives-").FullName;

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteText(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    /// <summary>A zip made with <see cref="ZipArchive"/> holding <paramref name="entries"/> (path → content).</summary>
    public static byte[] Zip(params (string Path, byte[] Bytes)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, bytes) in entries)
            {
                using var entry = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
                entry.Write(bytes);
            }
        }
        return output.ToArray();
    }

    /// <summary>Runs a command line tool in <see cref="Folder"/> and fails the test when it fails.</summary>
    public void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = Folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed: {error}");
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
