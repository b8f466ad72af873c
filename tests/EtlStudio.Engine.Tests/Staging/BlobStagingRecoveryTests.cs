using Azure;
using Azure.Storage.Blobs;
using EtlStudio.Engine.Staging;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.Staging;

public sealed class BlobStagingRecoveryTests(AzuriteServer azurite)
{
    [Fact]
    public async Task A_store_whose_first_write_met_an_unreachable_endpoint_writes_once_it_is_reachable()
    {
        await using var relay = new LoopbackRelay(azurite.Port);
        var connectionString = azurite.ConnectionString.Replace($":{azurite.Port}/", $":{relay.Port}/", StringComparison.Ordinal);
        // No retries: the first write should fail at once rather than after the client's back-off.
        var options = new BlobClientOptions { Retry = { MaxRetries = 0 } };
        var container = new BlobContainerClient(connectionString, "staging-" + Guid.NewGuid().ToString("N"), options);
        var store = new BlobStagingStore(container);
        var run = Guid.NewGuid();
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<RequestFailedException>(() => store.OpenWriteAsync(run, "raw/00001-a.csv", ct));
        relay.Start();
        await using (var stream = await store.OpenWriteAsync(run, "raw/00001-a.csv", ct)) stream.WriteByte(42);

        var artifact = Assert.Single(await store.ListAsync(run, ct));
        Assert.Equal(("raw/00001-a.csv", 1L), (artifact.Name, artifact.Length));
    }

    [Fact]
    public async Task A_write_cancelled_while_the_container_is_created_does_not_spoil_later_writes()
    {
        var store = new BlobStagingStore(azurite.ConnectionString, "staging-" + Guid.NewGuid().ToString("N"));
        var run = Guid.NewGuid();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.OpenWriteAsync(run, "mapped.ndjson", new CancellationToken(canceled: true)));
        await using (var stream = await store.OpenWriteAsync(run, "mapped.ndjson", TestContext.Current.CancellationToken)) stream.WriteByte(1);

        Assert.Single(await store.ListAsync(run, TestContext.Current.CancellationToken));
    }
}
