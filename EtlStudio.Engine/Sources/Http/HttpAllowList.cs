using System.Globalization;
using System.Net;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Hosts and networks HTTP sources may reach even though they are not public (an on-premises API, a test
/// server). An entry is a host name (<c>api.internal</c>), a subdomain wildcard (<c>*.corp.example</c>), an address
/// (<c>10.1.2.3</c>, <c>[fd00::1]</c>) or a network in CIDR notation (<c>10.1.0.0/16</c>, <c>fd00::/8</c>). A host
/// name, wildcard or address may carry a port (<c>api.internal:8443</c>, <c>*.corp.example:443</c>,
/// <c>10.1.2.3:8080</c>, <c>[fd00::1]:8443</c>): it then allows that port only; without one it allows every port.</summary>
/// <remarks>A host name entry trusts that name's DNS: whatever it resolves to is reached. Prefer networks.</remarks>
public sealed class HttpAllowList
{
    private readonly Dictionary<string, HashSet<int>?> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Suffix, int? Port)> _suffixes = [];
    private readonly List<(IPNetwork Network, int? Port)> _networks = [];

    /// <summary>The empty list: only public addresses are reached.</summary>
    public static HttpAllowList Empty { get; } = new([]);

    /// <summary>Parses the entries.</summary>
    /// <exception cref="FormatException">An entry is neither a host name nor an address or network (each with an optional
    /// port), or its port is not 1–65535; the message names it.</exception>
    public HttpAllowList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                // A host part that is not the network's start (10.0.0.1/8) is a typo for one of two things: refuse it.
                if (!IPNetwork.TryParse(entry, out var network) || !network.BaseAddress.Equals(IPAddress.Parse(entry[..entry.IndexOf('/', StringComparison.Ordinal)])))
                {
                    throw new FormatException($"'{entry}' is not a network in CIDR notation (e.g. 10.1.0.0/16) with no host bits set; a network entry takes no port");
                }
                _networks.Add((network, null));
                continue;
            }
            var (host, port) = SplitPort(entry);
            if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
            {
                var single = SsrfAddressRules.Normalize(address);
                _networks.Add((new IPNetwork(single, single.GetAddressBytes().Length * 8), port));
            }
            else if (host.StartsWith("*.", StringComparison.Ordinal) && Uri.CheckHostName(host[2..]) == UriHostNameType.Dns)
            {
                _suffixes.Add((host[1..], port));
            }
            else if (Uri.CheckHostName(host) == UriHostNameType.Dns)
            {
                var name = host.TrimEnd('.');
                if (port is null) _hosts[name] = null;
                else if (!_hosts.TryGetValue(name, out var ports)) _hosts[name] = [port.Value];
                else ports?.Add(port.Value);
            }
            else
            {
                throw new FormatException($"'{entry}' is not a host name, an IP address or a CIDR network, with an optional :port");
            }
        }
    }

    /// <summary>Whether the host name itself is allowed on <paramref name="port"/> (then its addresses are not checked).</summary>
    public bool AllowsHost(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return (_hosts.TryGetValue(name, out var ports) && (ports is null || ports.Contains(port)))
            || _suffixes.Exists(s => (s.Port is null || s.Port == port) && name.EndsWith(s.Suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the address lies in an allowed network, or is an allowed address, on <paramref name="port"/>.</summary>
    public bool AllowsAddress(IPAddress address, int port)
    {
        var target = SsrfAddressRules.Normalize(address);
        return _networks.Exists(n => (n.Port is null || n.Port == port) && n.Network.Contains(target));
    }

    /// <summary>Splits a trailing <c>:port</c> off a host name, wildcard, IPv4 address or bracketed IPv6 address; a bare
    /// IPv6 address (<c>fd00::1</c>) keeps its colons and has no port.</summary>
    private static (string Host, int? Port) SplitPort(string entry)
    {
        int colon;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close == entry.Length - 1) return (entry, null);
            if (entry[close + 1] != ':') throw new FormatException($"'{entry}' is not a host name, an IP address or a CIDR network, with an optional :port");
            colon = close + 1;
        }
        else
        {
            colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || colon != entry.LastIndexOf(':')) return (entry, null);
        }
        var text = entry[(colon + 1)..];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"'{entry}' has port '{text}'; a port is a number from 1 to 65535");
        }
        return (entry[..colon], port);
    }
}
