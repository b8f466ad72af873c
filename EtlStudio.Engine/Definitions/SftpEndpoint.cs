namespace EtlStudio.Engine.Definitions;

/// <summary>An SFTP server and how to sign in to it. The server's host key must match
/// <see cref="HostKeyFingerprint"/>; a connection without one is refused before anything is sent.</summary>
/// <remarks><see cref="ToString"/> names the server only, so the password or key never reaches a log or message.</remarks>
public sealed record SftpEndpoint
{
    /// <summary>Host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port; 22 by default.</summary>
    public int Port { get; init; } = 22;

    /// <summary>The user to sign in as.</summary>
    public required string User { get; init; }

    /// <summary>The pinned host key: <c>SHA256:</c> and unpadded base64, as <c>ssh-keygen -lf</c> and <c>ssh</c> print it.</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>Password; null when signing in with <see cref="PrivateKey"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Private key text (PEM or OpenSSH format); null when signing in with <see cref="Password"/>.</summary>
    public string? PrivateKey { get; init; }

    /// <summary>Passphrase of an encrypted <see cref="PrivateKey"/>.</summary>
    public string? Passphrase { get; init; }

    /// <summary>The server as an address: <c>sftp://host</c> (with <c>:port</c> when not 22).</summary>
    public string Authority => Port == 22 ? $"sftp://{Host}" : $"sftp://{Host}:{Port}";

    /// <summary>The address of <paramref name="path"/> on this server, used as a document's origin.</summary>
    public string Address(string path) => Authority + (path.StartsWith('/') ? path : "/" + path);

    /// <inheritdoc />
    public override string ToString() => $"{User}@{Authority}";
}
