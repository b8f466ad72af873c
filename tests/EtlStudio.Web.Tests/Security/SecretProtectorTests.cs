using System.Text;
using Azure.Storage.Blobs;
using EtlStudio.Testing;
using EtlStudio.Web.Security;
using EtlStudio.Web.Security.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class SecretProtectorTests : IClassFixture<AzuriteServer>, IDisposable
{
    private readonly AzuriteServer _azurite;
    private readonly string _root = Directory.CreateTempSubdirectory("etl-secrets-").FullName;

    public SecretProtectorTests(AzuriteServer azurite) => _azurite = azurite;

    [Fact]
    public void Protected_secret_differs_from_the_plain_text_and_round_trips()
    {
        using var services = Build();
        var protector = services.GetRequiredService<ISecretProtector>();

        var stored = protector.Protect("p@ssw0rd-123");

        Assert.DoesNotContain("p@ssw0rd", stored, StringComparison.Ordinal);
        Assert.NotEqual("p@ssw0rd-123", stored);
        Assert.Equal("p@ssw0rd-123", protector.Unprotect(stored));
    }

    [Fact]
    public void Key_ring_is_kept_in_the_configured_folder_so_a_restart_can_still_read_secrets()
    {
        string stored;
        using (var first = Build()) stored = first.GetRequiredService<ISecretProtector>().Protect("s3cret");
        using var second = Build();

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, "keys"), "key-*.xml"));
        Assert.Equal("s3cret", second.GetRequiredService<ISecretProtector>().Unprotect(stored));
    }

    [Fact]
    public void Tampered_secret_is_refused_with_a_message_that_says_what_to_check()
    {
        using var services = Build();
        var protector = services.GetRequiredService<ISecretProtector>();
        var stored = protector.Protect("s3cret");
        var tampered = stored[..^4] + (stored[^4] == 'A' ? 'B' : 'A') + stored[^3..];

        var error = Assert.Throws<SecretUnavailableException>(() => protector.Unprotect(tampered));

        Assert.Contains("cannot be decrypted", error.Message, StringComparison.Ordinal);
        Assert.Contains("DataProtection:KeysFolder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_vault_reference_is_stored_as_is_and_needs_the_vault_uri()
    {
        using var services = Build();
        var protector = services.GetRequiredService<ISecretProtector>();

        Assert.Equal("kv://warehouse-password", protector.Protect("kv://warehouse-password"));
        var error = Assert.Throws<SecretUnavailableException>(() => protector.Unprotect("kv://warehouse-password"));
        Assert.Contains("'warehouse-password'", error.Message, StringComparison.Ordinal);
        Assert.Contains("KeyVault:Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_ring_blob_is_shared_by_two_instances()
    {
        var container = new BlobContainerClient(_azurite.ConnectionString, "dp" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        var first = Protector(new BlobXmlRepository(container.GetBlobClient("keys.xml")));
        var second = Protector(new BlobXmlRepository(container.GetBlobClient("keys.xml")));

        var stored = first.Protect("shared");

        Assert.Equal("shared", second.Unprotect(stored));
        var xml = (await container.GetBlobClient("keys.xml").DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString();
        Assert.StartsWith("<repository>", xml.TrimStart('\uFEFF').Split('\n', 2)[^1].Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_key_vault_key_the_key_ring_on_disk_holds_no_plain_key_and_a_restart_reads_it_through_the_vault()
    {
        using var vault = new FakeKeyVault();
        string stored;
        using (var first = Build(vault)) stored = first.GetRequiredService<ISecretProtector>().Protect("wrapped");
        using var second = Build(vault);

        var ring = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(_root, "keys"), "key-*.xml")));
        Assert.Contains("<encryptedKey", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", ring, StringComparison.Ordinal);
        Assert.Equal("wrapped", second.GetRequiredService<ISecretProtector>().Unprotect(stored));
        Assert.Equal(["/keys/dataprotection/wrapkey", "/keys/dataprotection/v1/unwrapkey"], vault.Operations);
    }

    [Fact]
    public void Without_access_to_the_vault_key_the_ring_cannot_be_read_and_the_error_says_what_to_check()
    {
        using var vault = new FakeKeyVault();
        string stored;
        using (var first = Build(vault)) stored = first.GetRequiredService<ISecretProtector>().Protect("wrapped");
        using var stranger = Build(vault, new DefaultTokenOnly());

        var error = Assert.Throws<SecretUnavailableException>(() => stranger.GetRequiredService<ISecretProtector>().Unprotect(stored));

        Assert.Contains("DataProtection:KeyVaultKeyId", error.Message, StringComparison.Ordinal);
    }

    private sealed class DefaultTokenOnly : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("someone-else", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private static IDataProtector Protector(BlobXmlRepository repository) =>
        DataProtectionProvider.Create(new DirectoryInfo(Path.GetTempPath()), b => b.SetApplicationName("EtlStudio")
            .Services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository))
            .CreateProtector(DataProtectionSecretProtector.Purpose);

    private ServiceProvider Build(FakeKeyVault? vault = null, Azure.Core.TokenCredential? credential = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DataProtection:KeysFolder"] = "keys",
                ["DataProtection:KeyVaultKeyId"] = vault?.KeyId.ToString(),
            }).Build());
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(_root));
        services.AddLogging();
        services.AddSecretProtection();
        if (vault is not null) services.AddSingleton(credential ?? new FakeKeyVault.Credential());
        return services.BuildServiceProvider();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "EtlStudio.Web";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
