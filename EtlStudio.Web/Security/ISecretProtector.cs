namespace EtlStudio.Web.Security;

/// <summary>Protects connection secrets at rest. Everything that writes <c>Connection.Secret</c> stores
/// <see cref="Protect"/>'s output; <c>Connections.ConnectionSecrets</c> calls <see cref="Unprotect"/> (a test keeps it so).
/// Secrets never go to the browser, API responses, exports or logs.</summary>
public interface ISecretProtector
{
    /// <summary>Protected form of a secret for storage.</summary>
    string Protect(string secret);

    /// <summary>The secret from its stored form (or the value of the Key Vault secret it references).</summary>
    string Unprotect(string stored);
}
