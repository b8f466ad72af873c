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
/// reached with the managed identity. <c>DataProtection:KeyVaultKeyId</c> is accepted but not applied yet: the
/// packages that wrap the ring with a Key Vault key (Azure.Extensions.AspNetCore.DataProtection.Keys,
/// Azure.Security.KeyVault.Keys) are not served here. The blob is private to the app's identity (shared-key access is
/// off), so the ring is protected by storage RBAC only until that is added.
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
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<DataProtectionSettings>, IHostEnvironment, ILoggerFactory, IServiceProvider>(
                (keys, settings, environment, loggers, sp) => keys.XmlRepository = settings.Value.BlobUri is { IsAbsoluteUri: true } blob
                    ? new BlobXmlRepository(new BlobClient(blob, sp.GetRequiredService<TokenCredential>()))
                    : new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(settings.Value.KeysFolder, environment.ContentRootPath)), loggers));
        services.AddSingleton<KeyVaultSecretReader>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
