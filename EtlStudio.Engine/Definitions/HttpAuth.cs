namespace EtlStudio.Engine.Definitions;

/// <summary>HTTP authentication settings.</summary>
/// <param name="Kind">Which scheme.</param>
/// <param name="Name">User name (Basic), header name or query parameter name (API key).</param>
/// <param name="Secret">Token, password or key.</param>
public sealed record HttpAuth(HttpAuthKind Kind = HttpAuthKind.None, string? Name = null, string? Secret = null);
