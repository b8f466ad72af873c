using System.Net;
using System.Net.Sockets;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Which addresses an HTTP source may not reach unless the allow-list names them: everything that is not a
/// public unicast address (this host, the private networks, cloud metadata endpoints, multicast, reserved ranges).</summary>
public static class SsrfAddressRules
{
    private static readonly (IPNetwork Network, string Reason)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified address (\"this network\")"),
        (IPNetwork.Parse("10.0.0.0/8"), "private network 10.0.0.0/8"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT network 100.64.0.0/10"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback address (this machine)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local address 169.254.0.0/16 (cloud metadata endpoints live here)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private network 172.16.0.0/12"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved network 192.0.0.0/24"),
        (IPNetwork.Parse("192.168.0.0/16"), "private network 192.168.0.0/16"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved network 198.18.0.0/15"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved network 240.0.0.0/4 (broadcast included)"),
        (IPNetwork.Parse("::/128"), "unspecified address"),
        (IPNetwork.Parse("::1/128"), "loopback address (this machine)"),
        (IPNetwork.Parse("fc00::/7"), "private (unique local) network fc00::/7"),
        (IPNetwork.Parse("fe80::/10"), "link-local address fe80::/10"),
        (IPNetwork.Parse("fec0::/10"), "site-local network fec0::/10"),
        (IPNetwork.Parse("ff00::/8"), "multicast address"),
    ];

    // NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits; a gateway would forward to it.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>Why <paramref name="address"/> is refused, or null when it is a public address. IPv4-mapped and NAT64
    /// IPv6 addresses get the verdict of the IPv4 address they carry.</summary>
    public static string? RefusalReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var target = Normalize(address);
        foreach (var (network, reason) in Refused)
        {
            if (network.Contains(target)) return reason;
        }
        return null;
    }

    /// <summary>The IPv4 address an IPv4-mapped or NAT64 IPv6 address stands for; otherwise the address itself
    /// (scope id dropped).</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (Nat64.Contains(address)) return new IPAddress(address.GetAddressBytes()[12..]);
            if (address.ScopeId != 0) return new IPAddress(address.GetAddressBytes());
        }
        return address;
    }
}
