using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Files;

public sealed class BlobFileSourceTests(AzuriteServer azurite)
{
    private readonly SourceFactory _factory = new(new HttpClient());

    private async Task<BlobContainerClient> ContainerWithAsync(params string[] names)
    {
        var container = new BlobContainerClient(azurite.ConnectionString, $"c{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        foreach (var name in names)
        {
            await container.UploadBlobAsync(name, BinaryData.FromString("content of " + name), TestContext.Current.CancellationToken);
        }
        return container;
    }

    [Fact]
    public async Task Glob_selects_blobs_across_virtual_folders_in_ordinal_order_named_by_uri()
    {
        var container = await ContainerWithAsync("in/orders_b.csv", "in/2024/orders_a.csv", "in/2024/customers.csv",
            "out/orders_c.csv", "in/orders_b.txt");

        var documents = await Documents.ReadTextAsync(_factory, new FileSourceDefinition
        {
            Location = container.Name, Pattern = "in/**/orders_*.csv", BlobConnectionString = azurite.ConnectionString,
        });

        Assert.Equal(
            [
                ($"{container.Uri}/in/2024/orders_a.csv", "content of in/2024/orders_a.csv"),
                ($"{container.Uri}/in/orders_b.csv", "content of in/orders_b.csv"),
            ],
            documents);
    }

    [Fact]
    public async Task Blob_bytes_pass_through_untouched()
    {
        var container = await ContainerWithAsync();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a,b\r\n\"x\ny\",é\r\n")).ToArray();
        await container.UploadBlobAsync("data.csv", BinaryData.FromBytes(bytes), TestContext.Current.CancellationToken);

        var documents = await Documents.ReadAllAsync(_factory.CreateDocumentSource(new FileSourceDefinition
        {
            Location = container.Name, Pattern = "*.csv", BlobConnectionString = azurite.ConnectionString,
        }, new ParseDefinition()));

        Assert.Equal(bytes, Assert.Single(documents).Bytes);
    }

    [Fact]
    public async Task Document_names_leave_out_the_sas_token()
    {
        var container = await ContainerWithAsync("a.csv");
        var sas = container.GenerateSasUri(BlobContainerSasPermissions.Read | BlobContainerSasPermissions.List, DateTimeOffset.UtcNow.AddHours(1));
        var sasConnection = $"BlobEndpoint={container.Uri.GetLeftPart(UriPartial.Authority)}/devstoreaccount1;SharedAccessSignature={sas.Query.TrimStart('?')}";

        var documents = await Documents.ReadTextAsync(_factory, new FileSourceDefinition
        {
            Location = container.Name, Pattern = "*.csv", BlobConnectionString = sasConnection,
        });

        var (name, text) = Assert.Single(documents);
        Assert.Equal($"{container.Uri}/a.csv", name);
        Assert.Equal("content of a.csv", text);
    }

    [Fact]
    public async Task Missing_container_fails_naming_it()
    {
        var source = _factory.CreateDocumentSource(new FileSourceDefinition
        {
            Location = "nosuchcontainer", Pattern = "*.csv", BlobConnectionString = azurite.ConnectionString,
        }, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Contains("nosuchcontainer", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_matching_blob_fails_naming_pattern_and_container()
    {
        var container = await ContainerWithAsync("orders.txt");
        var source = _factory.CreateDocumentSource(new FileSourceDefinition
        {
            Location = container.Name, Pattern = "*.csv", BlobConnectionString = azurite.ConnectionString,
        }, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Equal($"no file matches '*.csv' in '{container.Uri}'", error.Message);
    }
}
