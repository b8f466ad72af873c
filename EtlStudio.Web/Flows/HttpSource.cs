using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Flows;

/// <summary>An HTTP source from the connection's base URL and the flow's path, method, headers, body and pagination.
/// <c>{cursor}</c> in the path or body becomes the flow's cursor value (escaped in the URL; empty before the first run).</summary>
internal static class HttpSource
{
    private const string Placeholder = "{cursor}";

    public static HttpSourceDefinition Create(Flow flow, HttpSettings http, string? secret)
    {
        var cursor = flow.CursorValue ?? "";
        var path = (flow.SourcePath ?? "").Replace(Placeholder, Uri.EscapeDataString(cursor), StringComparison.Ordinal);
        var baseUrl = http.BaseUrl.ToString().EndsWith('/') || path.Length == 0 ? http.BaseUrl : new Uri(http.BaseUrl + "/");
        if (!Uri.TryCreate(baseUrl, path.TrimStart('/'), out var url) || url.Scheme is not ("http" or "https"))
        {
            throw FlowDefinitionFactory.Problem(flow, $"source path '{flow.SourcePath}' does not make an http(s) URL with {http.BaseUrl}");
        }
        return new HttpSourceDefinition
        {
            Url = url,
            Method = string.IsNullOrWhiteSpace(flow.HttpMethod) ? "GET" : flow.HttpMethod.Trim().ToUpperInvariant(),
            Headers = Read(flow, flow.HttpHeaders, "HTTP headers", FlowSettingsJson.ReadHeaders) ?? [],
            Body = flow.HttpBody?.Replace(Placeholder, cursor, StringComparison.Ordinal),
            Auth = new HttpAuth(http.AuthKind, http.AuthName, secret),
            Pagination = Read(flow, flow.HttpPagination, "pagination", FlowSettingsJson.ReadPagination) ?? new HttpPagination(),
        };
    }

    private static T? Read<T>(Flow flow, string? text, string what, Func<string?, T?> read) where T : class
    {
        try
        {
            return read(text);
        }
        catch (JsonException e)
        {
            throw FlowDefinitionFactory.Problem(flow, $"{what} are not valid JSON: {e.Message}");
        }
    }
}
