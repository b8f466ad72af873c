using System.Net;
using System.Net.Sockets;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Keeps HTTP sources (and webhooks) away from this machine and internal networks: the host is resolved once,
/// every address is checked, and the socket connects to exactly those addresses. Checking at connect time covers
/// DNS rebinding (no second lookup) and redirects (each new host opens a new connection through the check).</summary>
public sealed class SsrfGuard
{
    /// <summary>Most redirects a guarded client follows; each one is checked again.</summary>
    public const int MaxRedirects = 10;

    private readonly HttpAllowList _allowList;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly Func<IPAddress[], int, CancellationToken, ValueTask<Stream>> _connect;

    /// <summary>Creates the guard with the system resolver and TCP sockets.</summary>
    public SsrfGuard(HttpAllowList allowList) : this(allowList, Dns.GetHostAddressesAsync, ConnectAsync) { }

    internal SsrfGuard(HttpAllowList allowList, Func<string, CancellationToken, Task<IPAddress[]>> resolve,
        Func<IPAddress[], int, CancellationToken, ValueTask<Stream>> connect)
    {
        ArgumentNullException.ThrowIfNull(allowList);
        _allowList = allowList;
        _resolve = resolve;
        _connect = connect;
    }

    /// <summary>A handler whose every connection goes through the guard. No proxy (the guard must see the real target);
    /// redirects are followed up to <see cref="MaxRedirects"/> (never from https to http).</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await CheckAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
            return await _connect(addresses, context.DnsEndPoint.Port, cancellationToken);
        },
    };

    /// <summary>Refuses a URL whose scheme is not http or https (check it when a source is saved).</summary>
    /// <exception cref="EtlDataException">Naming the URL and the scheme.</exception>
    public static void EnsureHttpScheme(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new EtlDataException($"only http and https URLs are allowed, not '{(url.IsAbsoluteUri ? url.Scheme : "relative")}'", url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.ToString());
        }
    }

    /// <summary>Resolves <paramref name="host"/> and returns its addresses when all may be reached on <paramref name="port"/>.</summary>
    /// <exception cref="SsrfRefusedException">An address is refused and the allow-list does not name it or the host (for that port).</exception>
    public async Task<IPAddress[]> CheckAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await _resolve(name, cancellationToken);
        if (literal is null && _allowList.AllowsHost(name, port)) return addresses;
        foreach (var address in addresses)
        {
            if (_allowList.AllowsAddress(address, port)) continue;
            if (SsrfAddressRules.RefusalReason(address) is { } reason) throw new SsrfRefusedException(host, address, reason);
        }
        return addresses;
    }

    private static async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
