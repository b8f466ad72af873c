using Azure.Storage.Blobs;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.Lookups;

/// <summary>A lookup read from the blobs of a container (Azurite) that match its pattern.</summary>
public sealed class BlobLookupTests(AzuriteServer azurite)
{
    private readonly RecordingLog _log = new();

    [Fact]
    public async Task Every_blob_the_pattern_matches_is_read_and_named_by_its_URI()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, $"c{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: ct);
        await container.UploadBlobAsync("ref/countries-1.csv", BinaryData.FromString("code,name\nNL,Netherlands\n"), ct);
        await container.UploadBlobAsync("ref/countries-2.csv", BinaryData.FromString("code,name\nBE,Belgium\nNL,Holland\n"), ct);
        await container.UploadBlobAsync("ref/other.csv", BinaryData.FromString("code,name\nXX,Not read\n"), ct);
        var lookup = new LookupDefinition
        {
            Name = "countries",
            Source = new FileSourceDefinition { Location = container.Name, Pattern = "ref/countries-*.csv", BlobConnectionString = azurite.ConnectionString },
            KeyField = "code",
        };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, lookup, "name"));
        Assert.Equal($"lookup 'countries': key 'NL' is in {container.Uri}/ref/countries-1.csv, record 1 and again in {container.Uri}/ref/countries-2.csv, record 2: a lookup needs one entry per key", error.Message);

        await container.DeleteBlobAsync("ref/countries-2.csv", cancellationToken: ct);
        await container.UploadBlobAsync("ref/countries-2.csv", BinaryData.FromString("code,name\nBE,Belgium\n"), ct);
        var tables = await TestLookups.LoadAsync(_log, lookup, "name");

        Assert.Equal("Netherlands", tables.Get("countries", "name", "NL"));
        Assert.Equal("Belgium", tables.Get("countries", "name", "BE"));
        Assert.Equal("(none)", tables.Get("countries", "name", "XX"));
        Assert.StartsWith($"lookup 'countries': 2 entries (1 field) loaded from 2 files (blobs 'ref/countries-*.csv' in container '{container.Name}')", Assert.Single(_log.Facts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_container_fails_naming_the_lookup()
    {
        var lookup = new LookupDefinition
        {
            Name = "countries",
            Source = new FileSourceDefinition { Location = $"gone{Guid.NewGuid():N}", Pattern = "*.csv", BlobConnectionString = azurite.ConnectionString },
            KeyField = "code",
        };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, lookup, "name"));

        Assert.StartsWith("lookup 'countries': container '", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("' does not exist", error.Message, StringComparison.Ordinal);
    }
}
