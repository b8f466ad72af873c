using System.Net;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Hosts and networks HTTP sources may reach even though they are not public (an on-premises API, a test
/// server). An entry is a host name (<c>api.internal</c>), a subdomain wildcard (<c>*.corp.example</c>), an address
/// (<c>10.1.2.3</c>) or a network in CIDR notation (<c>10.1.0.0/16</c>, <c>fd00::/8</c>).</summary>
/// <remarks>A host name entry trusts that name's DNS: whatever it resolves to is reached. Prefer networks.</remarks>
public sealed class HttpAllowList
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly List<IPNetwork> _networks = [];

    /// <summary>The empty list: only public addresses are reached.</summary>
    public static HttpAllowList Empty { get; } = new([]);

    /// <summary>Parses the entries.</summary>
    /// <exception cref="FormatException">An entry is neither a host name nor an address or network; the message names it.</exception>
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
                    throw new FormatException($"'{entry}' is not a network in CIDR notation (e.g. 10.1.0.0/16) with no host bits set");
                }
                _networks.Add(network);
            }
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
            {
                var single = SsrfAddressRules.Normalize(address);
                _networks.Add(new IPNetwork(single, single.GetAddressBytes().Length * 8));
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && Uri.CheckHostName(entry[2..]) == UriHostNameType.Dns)
            {
                _suffixes.Add(entry[1..]);
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                _hosts.Add(entry.TrimEnd('.'));
            }
            else
            {
                throw new FormatException($"'{entry}' is not a host name, an IP address or a CIDR network");
            }
        }
    }

    /// <summary>Whether the host name itself is allowed (then its addresses are not checked).</summary>
    public bool AllowsHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return _hosts.Contains(name) || _suffixes.Exists(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the address lies in an allowed network.</summary>
    public bool AllowsAddress(IPAddress address)
    {
        var target = SsrfAddressRules.Normalize(address);
        return _networks.Exists(n => n.Contains(target));
    }
}
