using EtlStudio.Web.Security;

namespace EtlStudio.Web.Tests;

/// <summary>A reversible stand-in for the Data Protection protector: visibly transformed, so a test can tell a
/// protected secret from a plain one.</summary>
public sealed class TestSecretProtector : ISecretProtector
{
    public const string Prefix = "protected:";

    public string Protect(string secret) => Prefix + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret));

    public string Unprotect(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal)
        ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(stored[Prefix.Length..]))
        : throw new InvalidOperationException("not protected by TestSecretProtector");
}
