using System.Net.Sockets;
using EtlStudio.Engine.Definitions;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EtlStudio.Engine.Sources.Files;

/// <summary>Opens SFTP sessions that trust only the pinned host key, and reads a server's host key for pinning.</summary>
/// <remarks>The host key is checked during key exchange, before the password or key is sent: a server that presents
/// another key never sees the credentials.</remarks>
public static class SftpConnector
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The SHA-256 fingerprint (<c>SHA256:…</c>) of the host key <paramref name="host"/> presents. Nothing is
    /// signed in: the key exchange is stopped once the key is seen.</summary>
    /// <exception cref="EtlDataException">The server cannot be reached or does not speak SSH.</exception>
    public static async Task<string> ReadHostKeyAsync(string host, int port, CancellationToken cancellationToken)
    {
        var endpoint = new SftpEndpoint { Host = host, Port = port, User = "fingerprint-check" };
        string? presented = null;
        using var client = new SftpClient(Info(endpoint, new PasswordAuthenticationMethod(endpoint.User, "")));
        client.HostKeyReceived += (_, e) =>
        {
            presented = SftpFingerprint.Prefix + e.FingerPrintSHA256;
            e.CanTrust = false;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (SshConnectionException) when (presented is not null)
        {
            return presented;
        }
        catch (Exception e) when (Unreachable(e))
        {
            throw new EtlDataException($"{endpoint.Authority} cannot be reached: {e.Message}", e);
        }
        return presented ?? throw new EtlDataException($"{endpoint.Authority} presented no host key");
    }

    /// <summary>The names of the entries in <paramref name="folder"/> on the server (a connection test), at most
    /// <paramref name="limit"/>; "." and ".." left out.</summary>
    /// <exception cref="EtlDataException">No fingerprint is pinned, the host key differs, the login is refused or the
    /// folder is missing: each worded for the user.</exception>
    public static async Task<IReadOnlyList<string>> ListAsync(SftpEndpoint endpoint, string folder, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var client = await ConnectAsync(endpoint, cancellationToken);
        var names = new List<string>();
        try
        {
            await foreach (var entry in client.ListDirectoryAsync(Folder(folder), cancellationToken))
            {
                if (entry.Name is "." or "..") continue;
                names.Add(entry.Name);
                if (names.Count >= limit) break;
            }
        }
        catch (SftpPathNotFoundException e)
        {
            throw MissingFolder(endpoint, folder, e);
        }
        catch (SftpPermissionDeniedException e)
        {
            throw new EtlDataException($"{endpoint.Address(Folder(folder))}: permission denied", e);
        }
        return names;
    }

    /// <summary>A connected client that trusted only the pinned host key.</summary>
    internal static async Task<SftpClient> ConnectAsync(SftpEndpoint endpoint, CancellationToken cancellationToken)
    {
        var pinned = SftpFingerprint.Normalize(endpoint.HostKeyFingerprint);
        if (pinned is null || !SftpFingerprint.IsValid(pinned))
        {
            throw new EtlDataException($"{endpoint.Authority} has no pinned host key fingerprint: test the connection and pin the fingerprint it shows");
        }
        string? presented = null;
        var client = new SftpClient(Info(endpoint, Authentication(endpoint))) { OperationTimeout = OperationTimeout };
        client.HostKeyReceived += (_, e) =>
        {
            presented = SftpFingerprint.Prefix + e.FingerPrintSHA256;
            e.CanTrust = string.Equals(presented, pinned, StringComparison.Ordinal);
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            if (presented is not null && !string.Equals(presented, pinned, StringComparison.Ordinal))
            {
                throw new EtlDataException($"{endpoint.Authority} presented host key {presented}, but {pinned} is pinned: nothing was sent to it. " +
                    "If the server's key changed on purpose, check the new fingerprint with its administrator and pin it.", e);
            }
            if (e is SshAuthenticationException) throw new EtlDataException($"{endpoint} refused the login ({e.Message})", e);
            if (Unreachable(e)) throw new EtlDataException($"{endpoint.Authority} cannot be reached: {e.Message}", e);
            if (e is SshException) throw new EtlDataException($"{endpoint.Authority}: {e.Message}", e);
            throw;
        }
    }

    /// <summary>The folder as the server should see it: blank means the user's home folder (<c>.</c>), a trailing <c>/</c> is dropped.</summary>
    public static string Folder(string? folder) => string.IsNullOrWhiteSpace(folder) ? "." : folder.Trim().TrimEnd('/') is { Length: > 0 } f ? f : "/";

    internal static EtlDataException MissingFolder(SftpEndpoint endpoint, string folder, Exception inner) =>
        new($"folder '{Folder(folder)}' does not exist on {endpoint.Authority}", inner);

    private static bool Unreachable(Exception e) => e is SocketException or SshOperationTimeoutException or TimeoutException;

    private static ConnectionInfo Info(SftpEndpoint endpoint, AuthenticationMethod method) =>
        new(endpoint.Host, endpoint.Port, endpoint.User, method) { Timeout = ConnectTimeout };

    private static AuthenticationMethod Authentication(SftpEndpoint endpoint)
    {
        if (string.IsNullOrEmpty(endpoint.PrivateKey))
        {
            return new PasswordAuthenticationMethod(endpoint.User, endpoint.Password ?? "");
        }
        try
        {
            using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(endpoint.PrivateKey.Trim() + "\n"));
            var key = string.IsNullOrEmpty(endpoint.Passphrase) ? new PrivateKeyFile(text) : new PrivateKeyFile(text, endpoint.Passphrase);
            return new PrivateKeyAuthenticationMethod(endpoint.User, key);
        }
        catch (Exception e) when (e is SshException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new EtlDataException($"the private key for {endpoint} cannot be read ({e.Message}): give the key in PEM or OpenSSH format, with its passphrase if it is encrypted", e);
        }
    }
}
