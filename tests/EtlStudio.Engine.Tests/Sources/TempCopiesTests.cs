using Xunit;
using System.Diagnostics;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Tests.Sources;

public sealed class TempCopiesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etl-temp-copies.").FullName;

    [Fact]
    public async Task A_sweep_deletes_the_copies_of_processes_that_no_longer_run_and_keeps_those_of_live_ones()
    {
        // A process that ran and ended: its pid is free (or reused by a later process, which counts as gone too).
        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await ended.WaitForExitAsync(TestContext.Current.CancellationToken);
        var deadFile = Path.Combine(_folder, $"etlstudio-copy-{ended.Id}-{Guid.NewGuid():N}");
        var deadFolder = Path.Combine(_folder, $"etlstudio-parquet-{ended.Id}-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(deadFile, "x", TestContext.Current.CancellationToken);
        Directory.CreateDirectory(deadFolder);
        await File.WriteAllTextAsync(Path.Combine(deadFolder, "document.parquet"), "x", TestContext.Current.CancellationToken);
        // Live: this process's own copy, and a copy of another running process made after it started.
        var mine = TempCopies.NewPath("copy", _folder);
        await File.WriteAllTextAsync(mine, "x", TestContext.Current.CancellationToken);
        using var other = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var theirs = Path.Combine(_folder, $"etlstudio-copy-{other.Id}-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(theirs, "x", TestContext.Current.CancellationToken);
        var unrelated = Path.Combine(_folder, "etlstudio-notes.txt");
        await File.WriteAllTextAsync(unrelated, "x", TestContext.Current.CancellationToken);

        var swept = TempCopies.SweepOrphans(_folder);

        other.Kill();
        Assert.Equal(2, swept);
        Assert.False(File.Exists(deadFile));
        Assert.False(Directory.Exists(deadFolder));
        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(theirs));
        Assert.True(File.Exists(unrelated));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
