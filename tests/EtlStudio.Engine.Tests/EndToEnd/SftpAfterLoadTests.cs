using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources.Files;
using EtlStudio.Engine.Tests.Lookups;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>After-load actions against a real OpenSSH server, on the files a real FlowRunner run read into PostgreSQL:
/// only those files are touched, whatever arrived meanwhile, and a file that cannot be touched is a warning.</summary>
public sealed class SftpAfterLoadTests(PostgresServer postgres, SshServer ssh)
{
    private FileSourceDefinition Source(string folder, AfterLoadAction action, string? moveTo = null, string pattern = "*.csv") => new()
    {
        Location = folder, Pattern = pattern, AfterLoad = action, AfterLoadFolder = moveTo,
        Sftp = new SftpEndpoint { Host = "127.0.0.1", Port = ssh.Port, User = ssh.User, Password = ssh.Password, HostKeyFingerprint = ssh.HostKeyFingerprint },
    };

    private string[] FilesUnder(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(ssh.Home, folder), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(ssh.Home, folder), f)).Order(StringComparer.Ordinal)];

    private static async Task<TargetDatabase> TableAsync(PostgresServer postgres)
    {
        var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync($"CREATE TABLE {ItemsTable.Name} (id int4 PRIMARY KEY, name text, qty int4)");
        return db;
    }

    [Fact]
    public async Task Delete_removes_the_files_the_run_read_and_a_file_written_into_the_folder_during_the_run_stays()
    {
        await using var host = new EngineHost();
        await using var db = await TableAsync(postgres);
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.csv", ItemsTable.Csv(1, 20, "a"));
        await ssh.WriteFileAsync($"{folder}/b.csv", ItemsTable.Csv(21, 30, "b"));
        await ssh.WriteFileAsync($"{folder}/keep.txt", "not matched");
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with { Source = Source(folder, AfterLoadAction.Delete) };
        var late = 0;
        // Written once the first file is being parsed: after the run listed the folder, before it ended.
        var progress = new SynchronousProgress(p =>
        {
            if (p.Step == RunStep.Parse && Interlocked.Exchange(ref late, 1) == 0) File.WriteAllText(Path.Combine(ssh.Home, folder, "late.csv"), ItemsTable.Csv(31, 31, "late"));
        });

        var result = await host.Runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid(), Progress = progress }, TestContext.Current.CancellationToken);
        var log = new RecordingLog();
        var done = await SftpAfterLoad.ApplyAsync((FileSourceDefinition)flow.Source, result.FilesRead, log, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(1, late);
        Assert.Equal((30L, 30L), (result.RowsRead, result.RowsWritten));
        Assert.Equal([$"{ssh.Home}/{folder}/a.csv", $"{ssh.Home}/{folder}/b.csv"], result.FilesRead);
        Assert.Equal(2, done);
        Assert.Equal(["keep.txt", "late.csv"], FilesUnder(folder));
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task A_file_gone_before_its_delete_is_a_warning_naming_it_and_the_other_files_are_still_deleted()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.csv", "x");
        await ssh.WriteFileAsync($"{folder}/c.csv", "x");
        var log = new RecordingLog();
        string[] read = [$"{ssh.Home}/{folder}/a.csv", $"{ssh.Home}/{folder}/b.csv", $"{ssh.Home}/{folder}/c.csv"];

        var done = await SftpAfterLoad.ApplyAsync(Source(folder, AfterLoadAction.Delete), read, log, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.Equal(2, done);
        Assert.Empty(FilesUnder(folder));
        var warning = Assert.Single(log.Warnings);
        Assert.StartsWith($"After the load: sftp://127.0.0.1:{ssh.Port}{ssh.Home}/{folder}/b.csv could not be deleted and stays on the server: ", warning, StringComparison.Ordinal);
        Assert.Equal(["After the load: 2 of 3 file(s) deleted."], log.Facts);
    }

    [Fact]
    public async Task Move_of_a_zip_read_over_sftp_moves_the_archive_once_into_a_folder_relative_to_the_source_folder()
    {
        await using var host = new EngineHost();
        await using var db = await TableAsync(postgres);
        var folder = await ssh.CreateFolderAsync();
        var zip = Sources.Archives.ArchiveFiles.Zip(
            ("one.csv", System.Text.Encoding.UTF8.GetBytes(ItemsTable.Csv(1, 5, "one"))),
            ("two.csv", System.Text.Encoding.UTF8.GetBytes(ItemsTable.Csv(6, 9, "two"))));
        Directory.CreateDirectory(Path.Combine(ssh.Home, folder, "in"));
        await File.WriteAllBytesAsync(Path.Combine(ssh.Home, folder, "in", "batch.zip"), zip, TestContext.Current.CancellationToken);
        await ssh.WriteFileAsync($"{folder}/notes.txt", "gives the folder, zip included, to the user");
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, parse: new ParseDefinition { ArchiveEntries = "*.csv" })
            with { Source = Source(folder, AfterLoadAction.Move, "done", "in/*.zip") };

        var result = await host.RunAsync(flow);
        var log = new RecordingLog();
        await SftpAfterLoad.ApplyAsync((FileSourceDefinition)flow.Source, result.FilesRead, log, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(9L, result.RowsWritten);
        Assert.Equal([$"{ssh.Home}/{folder}/in/batch.zip"], result.FilesRead);
        Assert.Equal(["done/batch.zip", "notes.txt"], FilesUnder(folder));
        Assert.Equal(zip, await File.ReadAllBytesAsync(Path.Combine(ssh.Home, folder, "done", "batch.zip"), TestContext.Current.CancellationToken));
    }

    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
