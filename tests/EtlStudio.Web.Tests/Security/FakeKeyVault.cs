using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using EtlStudio.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace EtlStudio.Web.Tests.Security;

/// <summary>A stand-in for Key Vault's key operations on loopback: <c>wrapkey</c>/<c>unwrapkey</c> with RSA-OAEP-256
/// and an RSA key held here, answering with a versioned <c>kid</c> as the service does. Requests without the bearer
/// token are refused.</summary>
internal sealed class FakeKeyVault : IDisposable
{
    public const string Token = "fake-vault-token";
    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly int _port = FreePort.Next();

    public FakeKeyVault()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri KeyId => new($"http://127.0.0.1:{_port}/keys/dataprotection");

    public List<string> Operations { get; } = [];

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            Operations.Add(path);
            var body = (await JsonNode.ParseAsync(context.Request.InputStream))!;
            var authorized = context.Request.Headers["Authorization"] == $"Bearer {Token}" && (string?)body["alg"] == "RSA-OAEP-256";
            var value = WebEncoders.Base64UrlDecode((string)body["value"]!);
            byte[]? result = !authorized ? null
                : path == "/keys/dataprotection/wrapkey" ? _key.Encrypt(value, RSAEncryptionPadding.OaepSHA256)
                : path == "/keys/dataprotection/v1/unwrapkey" ? _key.Decrypt(value, RSAEncryptionPadding.OaepSHA256)
                : null;
            context.Response.StatusCode = result is null ? 403 : 200;
            if (result is not null)
            {
                await JsonSerializer.SerializeAsync(context.Response.OutputStream,
                    new { kid = $"http://127.0.0.1:{_port}/keys/dataprotection/v1", value = WebEncoders.Base64UrlEncode(result) });
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _key.Dispose();
    }

    /// <summary>The token the fake vault expects.</summary>
    public sealed class Credential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            requestContext.Scopes.SequenceEqual(["https://vault.azure.net/.default"]) ? new(Token, DateTimeOffset.UtcNow.AddHours(1)) : default;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
