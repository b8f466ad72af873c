namespace EtlStudio.Web.Security.Secrets;

/// <summary>Section <c>DataProtection</c>: where the key ring that encrypts connection secrets lives.</summary>
public sealed class DataProtectionSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "DataProtection";

    /// <summary><c>DataProtection:KeysFolder</c>: key ring folder when no blob is set, relative to the content root
    /// (default <c>data/keys</c>).</summary>
    public string KeysFolder { get; set; } = "data/keys";

    /// <summary><c>DataProtection:BlobUri</c>: the key ring blob in Azure (e.g.
    /// <c>https://acct.blob.core.windows.net/dataprotection/keys.xml</c>), reached with the managed identity.</summary>
    public Uri? BlobUri { get; set; }

    /// <summary><c>DataProtection:KeyVaultKeyId</c>: Key Vault RSA key (e.g. <c>https://vault.vault.azure.net/keys/dataprotection</c>)
    /// that wraps the key ring's keys at rest.</summary>
    public Uri? KeyVaultKeyId { get; set; }
}
