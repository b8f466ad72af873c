using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Secrets;

/// <summary>Data Protection key ring and the secret protector.</summary>
/// <remarks>
/// Locally the key ring is a folder (<c>DataProtection:KeysFolder</c>); in Azure a blob (<c>DataProtection:BlobUri</c>)
/// reached with the managed identity. With <c>DataProtection:KeyVaultKeyId</c> each key of the ring is stored
/// encrypted by a data key that the Key Vault key wraps (<see cref="KeyVaultXmlEncryptor"/>).
/// </remarks>
internal static class SecretsRegistration
{
    public static IServiceCollection AddSecretProtection(this IServiceCollection services)
    {
        services.AddOptions<DataProtectionSettings>().BindConfiguration(DataProtectionSettings.Section)
            .Validate(s => s.BlobUri is null || s.BlobUri.OriginalString.Length == 0 || s.BlobUri.IsAbsoluteUri,
                "DataProtection:BlobUri must be an absolute URI (https://<account>.blob.core.windows.net/<container>/keys.xml)")
            .ValidateOnStart();
        services.AddOptions<KeyVaultSettings>().BindConfiguration(KeyVaultSettings.Section)
            .Validate(s => s.Uri is null || s.Uri.OriginalString.Length == 0 || s.Uri.IsAbsoluteUri,
                "KeyVault:Uri must be an absolute URI (https://<vault>.vault.azure.net/)")
            .ValidateOnStart();
        services.AddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddDataProtection().SetApplicationName("EtlStudio");
        // Configured from the bound options when first needed, so test hosts and environment variables are seen.
        services.AddHttpClient(KeyVaultKeyClient.HttpClientName);
        services.AddSingleton<KeyVaultKeyClient>();
        // Configured from the bound options when first needed, so test hosts and environment variables are seen.
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<DataProtectionSettings>, IHostEnvironment, ILoggerFactory, IServiceProvider>((keys, settings, environment, loggers, sp) =>
            {
                var s = settings.Value;
                keys.XmlRepository = s.BlobUri is { IsAbsoluteUri: true } blob
                    ? new BlobXmlRepository(new BlobClient(blob, sp.GetRequiredService<TokenCredential>()))
                    : new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(s.KeysFolder, environment.ContentRootPath)), loggers);
                if (s.KeyVaultKeyId is { IsAbsoluteUri: true } keyId)
                {
                    keys.XmlEncryptor = new KeyVaultXmlEncryptor(sp.GetRequiredService<KeyVaultKeyClient>(), keyId);
                }
            });
        services.AddSingleton<KeyVaultSecretReader>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
