using Azure.Storage.Blobs;
using EtlStudio.Engine.Staging;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.Staging;

public sealed class BlobStagingStoreTests(AzuriteServer azurite)
{
    private BlobStagingStore NewStore() => new(azurite.ConnectionString, "staging-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public Task Write_read_list_and_delete_round_trip() => StagingStoreContract.Write_read_list_and_delete_round_trip(NewStore());

    [Fact]
    public Task Names_cannot_escape_the_run() => StagingStoreContract.Names_cannot_escape_the_run(NewStore());

    [Fact]
    public async Task Artifacts_are_block_blobs_named_run_id_slash_name()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, "staging-" + Guid.NewGuid().ToString("N"));
        var run = Guid.NewGuid();
        await using (var s = await new BlobStagingStore(container).OpenWriteAsync(run, "raw/00001-a.csv", TestContext.Current.CancellationToken)) s.WriteByte(1);

        var blob = container.GetBlobClient($"{run}/raw/00001-a.csv");
        var props = await blob.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Azure.Storage.Blobs.Models.BlobType.Block, props.Value.BlobType);
        Assert.Equal(1, props.Value.ContentLength);
    }

    [Fact]
    public async Task Listing_a_run_in_a_container_that_does_not_exist_yet_is_empty()
    {
        Assert.Empty(await NewStore().ListAsync(Guid.NewGuid(), TestContext.Current.CancellationToken));
    }
}
