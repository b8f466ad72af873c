using EtlStudio.Engine.Staging;
using Xunit;

namespace EtlStudio.Engine.Tests.Staging;

public sealed class LocalFolderStagingStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-staging-").FullName;

    [Fact]
    public Task Write_read_list_and_delete_round_trip() =>
        StagingStoreContract.Write_read_list_and_delete_round_trip(new LocalFolderStagingStore(_root));

    [Fact]
    public Task Names_cannot_escape_the_run() =>
        StagingStoreContract.Names_cannot_escape_the_run(new LocalFolderStagingStore(_root));

    [Fact]
    public async Task Artifacts_live_under_root_run_id_and_name()
    {
        var run = Guid.NewGuid();
        await using (var s = await new LocalFolderStagingStore(_root).OpenWriteAsync(run, "raw/a.csv", TestContext.Current.CancellationToken)) s.WriteByte(1);

        Assert.True(File.Exists(Path.Combine(_root, run.ToString(), "raw", "a.csv")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
