using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace EtlStudio.Web.Security.Secrets;

/// <summary>Wraps and unwraps a data key with an RSA key in Key Vault over its REST API (operations <c>wrapkey</c> and
/// <c>unwrapkey</c>, RSA-OAEP-256), so the private key never leaves the vault.</summary>
/// <remarks>Azure.Security.KeyVault.Keys (whose CryptographyClient does this) is not served by the package feed here.
/// Synchronous because Data Protection's <c>IXmlEncryptor</c>/<c>IXmlDecryptor</c> are; it runs when a key ring key is
/// created or first read, not per request.</remarks>
internal sealed class KeyVaultKeyClient(IHttpClientFactory httpClients, TokenCredential credential)
{
    public const string HttpClientName = "KeyVaultKeys";
    private const string ApiVersion = "7.4";
    private const string Algorithm = "RSA-OAEP-256";
    private static readonly string[] Scopes = ["https://vault.azure.net/.default"];

    /// <summary>The wrapped key and the versioned id of the vault key that wrapped it.</summary>
    public (string Kid, byte[] Wrapped) Wrap(Uri keyId, byte[] key)
    {
        var result = Send(new Uri(keyId.AbsoluteUri.TrimEnd('/') + "/wrapkey?api-version=" + ApiVersion), key, "wrap");
        return (result.Kid ?? keyId.AbsoluteUri, WebEncoders.Base64UrlDecode(result.Value));
    }

    public byte[] Unwrap(string kid, byte[] wrapped) =>
        WebEncoders.Base64UrlDecode(Send(new Uri(kid.TrimEnd('/') + "/unwrapkey?api-version=" + ApiVersion), wrapped, "unwrap").Value);

    private KeyOperationResult Send(Uri operation, byte[] value, string verb)
    {
        var token = credential.GetToken(new TokenRequestContext(Scopes), CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, operation)
        {
            Content = JsonContent.Create(new KeyOperation(Algorithm, WebEncoders.Base64UrlEncode(value))),
        };
        request.Headers.Authorization = new("Bearer", token.Token);
        using var response = httpClients.CreateClient(HttpClientName).Send(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Key Vault could not {verb} the Data Protection key with {operation.GetLeftPart(UriPartial.Path)}: HTTP {(int)response.StatusCode}. " +
                "Check DataProtection:KeyVaultKeyId and that the app's identity has the Key Vault Crypto User role.");
        }
        using var stream = response.Content.ReadAsStream();
        return System.Text.Json.JsonSerializer.Deserialize<KeyOperationResult>(stream)
            ?? throw new InvalidOperationException($"Key Vault answered the {verb} request with an empty body.");
    }

    private sealed record KeyOperation([property: JsonPropertyName("alg")] string Alg, [property: JsonPropertyName("value")] string Value);

    private sealed record KeyOperationResult([property: JsonPropertyName("kid")] string? Kid, [property: JsonPropertyName("value")] string Value);
}
