using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace EtlStudio.Web.Security.Secrets;

/// <summary>Connection secrets encrypted with ASP.NET Core Data Protection, or kept as <c>kv://name</c> references
/// to a Key Vault secret that is read when the secret is used.</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider, KeyVaultSecretReader keyVault) : ISecretProtector
{
    /// <summary>Changing it makes every stored secret unreadable: a new version needs a migration of the data.</summary>
    public const string Purpose = "EtlStudio.ConnectionSecrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return KeyVaultSecretReader.IsReference(secret) ? secret : _protector.Protect(secret);
    }

    public string Unprotect(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (KeyVaultSecretReader.IsReference(stored)) return keyVault.Read(stored);
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            throw new SecretUnavailableException(
                "A stored connection secret cannot be decrypted: it was altered, or it was protected with a key ring this " +
                "installation does not have or cannot unwrap (check DataProtection:KeysFolder or DataProtection:BlobUri, and " +
                "DataProtection:KeyVaultKeyId with the identity's access to that key). Enter the secret again.", e);
        }
    }
}
