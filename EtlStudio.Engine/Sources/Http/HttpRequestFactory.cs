using System.Net.Http.Headers;
using System.Text;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Builds each request of an HTTP source (a fresh message per attempt: a sent one cannot be resent) and
/// the redacted form of its URL used in document names, errors and logs.</summary>
internal sealed class HttpRequestFactory
{
    private const string Redacted = "REDACTED";
    private readonly HttpSourceDefinition _source;
    private readonly HttpMethod _method;

    public HttpRequestFactory(HttpSourceDefinition source)
    {
        _source = source;
        _method = source.Method.ToUpperInvariant() switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            _ => throw new EtlDataException($"HTTP method '{source.Method}' is not supported (GET or POST)", Redact(source.Url)),
        };
        if (source.Auth.Kind != HttpAuthKind.None && string.IsNullOrEmpty(source.Auth.Secret))
        {
            throw new EtlDataException($"{source.Auth.Kind} authentication needs a secret", Redact(source.Url));
        }
        if (source.Auth.Kind is HttpAuthKind.ApiKeyHeader or HttpAuthKind.ApiKeyQuery or HttpAuthKind.Basic
            && string.IsNullOrEmpty(source.Auth.Name))
        {
            throw new EtlDataException($"{source.Auth.Kind} authentication needs a name", Redact(source.Url));
        }
    }

    /// <summary>The URL as sent: with the API key when it travels in the query. Credentials go only to the source's
    /// own origin: a next link elsewhere fails rather than hand them to another host.</summary>
    public Uri Authorize(Uri url)
    {
        if (_source.Auth.Kind != HttpAuthKind.None
            && Uri.Compare(url, _source.Url, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new EtlDataException(
                $"next page '{Redact(url)}' is on another host than the source; its credentials are not sent there", Redact(_source.Url));
        }
        return _source.Auth is { Kind: HttpAuthKind.ApiKeyQuery, Name: { } name, Secret: { } key }
            ? QueryString.With(url, name, key)
            : url;
    }

    /// <summary>The URL without credentials: API key query value and user info masked.</summary>
    public string Redact(Uri url)
    {
        if (_source.Auth is { Kind: HttpAuthKind.ApiKeyQuery, Name: { } name })
        {
            url = QueryString.With(url, name, Redacted, addIfMissing: false);
        }
        return string.IsNullOrEmpty(url.UserInfo)
            ? url.AbsoluteUri
            : new UriBuilder(url) { UserName = Redacted, Password = "" }.Uri.AbsoluteUri;
    }

    public HttpRequestMessage Create(Uri authorizedUrl)
    {
        var request = new HttpRequestMessage(_method, authorizedUrl);
        string? contentType = null;
        foreach (var (name, value) in _source.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        if (_method == HttpMethod.Post && _source.Body is not null)
        {
            request.Content = new StringContent(_source.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json; charset=utf-8");
        }
        var auth = _source.Auth;
        switch (auth.Kind)
        {
            case HttpAuthKind.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.Secret);
                break;
            case HttpAuthKind.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.Name}:{auth.Secret}")));
                break;
            case HttpAuthKind.ApiKeyHeader:
                request.Headers.TryAddWithoutValidation(auth.Name!, auth.Secret);
                break;
        }
        return request;
    }
}
