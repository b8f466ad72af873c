using System.Net;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>An HTTP request was not sent because its host resolves to an address HTTP sources may not reach.
/// Retrying does not help; the message names the host, the address and why.</summary>
public sealed class SsrfRefusedException(string host, IPAddress address, string reason)
    : EtlDataException($"refused to connect to {host} ({address}): {reason}. Add the host or its network to the HTTP " +
                       "allow-list (Security:HttpAllowList) if this source is meant to reach it")
{
    /// <summary>The host as the URL names it.</summary>
    public string Host { get; } = host;

    /// <summary>The address it resolved to that is refused.</summary>
    public IPAddress Address { get; } = address;

    /// <summary>Why the address is refused (loopback, private network, link-local…).</summary>
    public new string Reason { get; } = reason;
}
