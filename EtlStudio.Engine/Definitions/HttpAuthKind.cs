namespace EtlStudio.Engine.Definitions;

/// <summary>Authentication kinds for HTTP sources.</summary>
public enum HttpAuthKind
{
    /// <summary>No authentication.</summary>
    None,
    /// <summary><c>Authorization: Bearer {Secret}</c>.</summary>
    Bearer,
    /// <summary><c>Authorization: Basic base64({Name}:{Secret})</c>.</summary>
    Basic,
    /// <summary>Header <c>{Name}: {Secret}</c>.</summary>
    ApiKeyHeader,
    /// <summary>Query parameter <c>{Name}={Secret}</c>.</summary>
    ApiKeyQuery,
}
