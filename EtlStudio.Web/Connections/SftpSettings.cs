using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Connections;

/// <summary>An SFTP server: <see cref="Folder"/> holds the files (relative to the user's home unless it starts with
/// <c>/</c>; empty is the home), <see cref="HostKeyFingerprint"/> the pinned host key (<c>SHA256:…</c>). The secret is the
/// password, or for <see cref="SftpAuthentication.PrivateKey"/> the key (see <see cref="SftpSecret"/>).</summary>
public sealed record SftpSettings(string Host, string Username, string? HostKeyFingerprint, string? Folder = null, int Port = 22,
    SftpAuthentication SignIn = SftpAuthentication.Password) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Sftp;
    public override string Summary => $"sftp://{Username}@{Host}{(Port == 22 ? "" : $":{Port}")}/{Folder?.TrimStart('/')}";

    /// <summary>The engine's endpoint, signing in with <paramref name="secret"/> (the connection's unprotected secret).</summary>
    public SftpEndpoint ToEndpoint(string? secret)
    {
        var endpoint = new SftpEndpoint { Host = Host, Port = Port, User = Username, HostKeyFingerprint = HostKeyFingerprint };
        if (SignIn == SftpAuthentication.Password) return endpoint with { Password = secret };
        var (key, passphrase) = SftpSecret.Read(secret);
        return endpoint with { PrivateKey = key, Passphrase = passphrase };
    }
}
