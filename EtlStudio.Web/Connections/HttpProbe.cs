using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources.Http;

namespace EtlStudio.Web.Connections;

/// <summary>Requests the base URL (HEAD, then GET when HEAD is not allowed) with the connection's authentication
/// and reports the status the server answered. The client is guarded like every other (HttpGuardRegistration): an
/// address HTTP sources may not reach, first or after a redirect, is refused before connecting and said so.</summary>
internal sealed class HttpProbe(IHttpClientFactory clients)
{
    public const string ClientName = "connection-test";

    public async Task<ConnectionTestResult> TestAsync(HttpSettings settings, string? secret, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var url = settings.BaseUrl;
        if (settings.AuthKind == HttpAuthKind.ApiKeyQuery && secret is not null)
        {
            var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
            url = new Uri($"{url}{separator}{Uri.EscapeDataString(settings.AuthName ?? "")}={Uri.EscapeDataString(secret)}");
        }
        try
        {
            using var head = await client.SendAsync(Request(HttpMethod.Head, url, settings, secret), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (head.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
            {
                using var get = await client.SendAsync(Request(HttpMethod.Get, url, settings, secret), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                return Describe(settings.BaseUrl, "GET", get);
            }
            return Describe(settings.BaseUrl, "HEAD", head);
        }
        catch (HttpRequestException e) when (e.InnerException is SsrfRefusedException refused)
        {
            return ConnectionTestResult.Failed($"Not allowed: {refused.Message}.");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException or IOException || e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
        {
            return ConnectionTestResult.Failed($"Host unreachable: {settings.BaseUrl.Host}:{settings.BaseUrl.Port} ({(e.InnerException ?? e).Message}).");
        }
        catch (HttpRequestException e)
        {
            return ConnectionTestResult.Failed($"{settings.BaseUrl} could not be requested: {e.Message}");
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri url, HttpSettings settings, string? secret)
    {
        var request = new HttpRequestMessage(method, url);
        switch (settings.AuthKind)
        {
            case HttpAuthKind.Bearer when secret is not null:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                break;
            case HttpAuthKind.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AuthName}:{secret}")));
                break;
            case HttpAuthKind.ApiKeyHeader when secret is not null && !string.IsNullOrEmpty(settings.AuthName):
                request.Headers.TryAddWithoutValidation(settings.AuthName, secret);
                break;
        }
        return request;
    }

    private static ConnectionTestResult Describe(Uri url, string method, HttpResponseMessage response)
    {
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        // Path only: a query may hold the API key (ApiKeyQuery).
        if (response.RequestMessage?.RequestUri is { } final && final.GetLeftPart(UriPartial.Path) != url.GetLeftPart(UriPartial.Path))
        {
            status += $" after a redirect to {final.GetLeftPart(UriPartial.Path)}";
        }
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ConnectionTestResult.Failed($"Login refused: {method} {url} answered {status}; check the authentication and secret."),
            HttpStatusCode.NotFound => ConnectionTestResult.Failed($"Not found: {method} {url} answered {status}. The server is reachable; check the base URL."),
            _ when (int)response.StatusCode >= 500 => ConnectionTestResult.Failed($"Server error: {method} {url} answered {status}."),
            _ => ConnectionTestResult.Ok($"{method} {url} answered {status}."),
        };
    }
}
