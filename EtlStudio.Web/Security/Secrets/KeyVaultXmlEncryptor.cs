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
