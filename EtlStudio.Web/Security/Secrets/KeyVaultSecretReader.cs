using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Secrets;

/// <summary>Reads <c>kv://name</c> references from the vault at <c>KeyVault:Uri</c> with the app's Azure identity.</summary>
internal sealed class KeyVaultSecretReader(IOptions<KeyVaultSettings> settings, TokenCredential credential)
{
    public const string Scheme = "kv://";

    private readonly Lazy<SecretClient?> _client = new(() =>
        settings.Value.Uri is { IsAbsoluteUri: true } uri ? new SecretClient(uri, credential) : null);

    public static bool IsReference(string value) => value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <remarks>Synchronous because <see cref="ISecretProtector.Unprotect"/> is; the SDK's synchronous call does not
    /// block on async code.</remarks>
    public string Read(string reference)
    {
        var name = reference[Scheme.Length..].Trim('/');
        var client = _client.Value ?? throw new SecretUnavailableException(
            $"The connection secret refers to Key Vault secret '{name}' but KeyVault:Uri is not set.");
        try
        {
            return client.GetSecret(name).Value.Value;
        }
        catch (RequestFailedException e)
        {
            throw new SecretUnavailableException(
                $"Key Vault secret '{name}' cannot be read from {client.VaultUri} (HTTP {e.Status} {e.ErrorCode}): check the name " +
                "and that the app's identity has the Key Vault Secrets User role.", e);
        }
    }
}
