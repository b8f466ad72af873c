using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace EtlStudio.Web.Security.Secrets;

/// <summary>Encrypts each Data Protection key at rest (envelope encryption): a fresh AES-256 data key encrypts the
/// key's XML and Key Vault wraps the data key. Without access to the vault key the ring on disk or in the blob is
/// useless.</summary>
internal sealed class KeyVaultXmlEncryptor(KeyVaultKeyClient vault, Uri keyId) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        using var aes = Aes.Create();
        aes.KeySize = 256;
        aes.GenerateKey();
        aes.GenerateIV();
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), aes.IV);
        var (kid, wrapped) = vault.Wrap(keyId, aes.Key);
        var element = new XElement("encryptedKey",
            new XComment(" This key is encrypted with Azure Key Vault (DataProtection:KeyVaultKeyId). "),
            new XElement("kid", kid),
            new XElement("key", Convert.ToBase64String(wrapped)),
            new XElement("iv", Convert.ToBase64String(aes.IV)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(KeyVaultXmlDecryptor));
    }
}

/// <summary>Reverses <see cref="KeyVaultXmlEncryptor"/>. Data Protection creates it through the service provider.</summary>
internal sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var vault = services.GetRequiredService<KeyVaultKeyClient>();
        var key = vault.Unwrap((string)encryptedElement.Element("kid")!, Convert.FromBase64String((string)encryptedElement.Element("key")!));
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(Convert.FromBase64String((string)encryptedElement.Element("value")!), Convert.FromBase64String((string)encryptedElement.Element("iv")!));
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
