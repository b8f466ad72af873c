using System.Text.Json;

namespace EtlStudio.Web.Connections;

/// <summary>The secret of an SFTP connection that signs in with a private key: the key text itself, or, for a key
/// encrypted with a passphrase, <c>{"privateKey":"…","passphrase":"…"}</c>. Both are kept in the one protected secret.</summary>
public static class SftpSecret
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record KeyWithPassphrase(string? PrivateKey, string? Passphrase);

    /// <summary>The secret to store for <paramref name="privateKey"/> and its optional <paramref name="passphrase"/>.</summary>
    public static string? Write(string? privateKey, string? passphrase) =>
        string.IsNullOrEmpty(passphrase) || string.IsNullOrEmpty(privateKey) ? privateKey : JsonSerializer.Serialize(new KeyWithPassphrase(privateKey, passphrase), Json);

    /// <summary>The key and passphrase of a stored secret (the passphrase null when there is none).</summary>
    public static (string? PrivateKey, string? Passphrase) Read(string? secret)
    {
        if (secret is null || !secret.TrimStart().StartsWith('{')) return (secret, null);
        try
        {
            var parsed = JsonSerializer.Deserialize<KeyWithPassphrase>(secret, Json);
            return (parsed?.PrivateKey, parsed?.Passphrase);
        }
        catch (JsonException)
        {
            // Not the JSON form: the engine reports the text as an unreadable key.
            return (secret, null);
        }
    }
}
