namespace EtlStudio.Engine.Definitions;

/// <summary>An HTTP API.</summary>
public sealed record HttpSourceDefinition : SourceDefinition
{
    /// <summary>Absolute http/https URL of the first page.</summary>
    public required Uri Url { get; init; }

    /// <summary>GET or POST.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Extra request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Request body for POST (sent as application/json unless a Content-Type header says otherwise).</summary>
    public string? Body { get; init; }

    /// <summary>Authentication.</summary>
    public HttpAuth Auth { get; init; } = new();

    /// <summary>Pagination.</summary>
    public HttpPagination Pagination { get; init; } = new();
}
