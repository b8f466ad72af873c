using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace EtlStudio.Web.Security.Secrets;

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
