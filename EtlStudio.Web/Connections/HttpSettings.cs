using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Connections;

/// <summary>HTTP API. <see cref="AuthName"/> is the Basic user name or the API key's header/query parameter name.</summary>
public sealed record HttpSettings(Uri BaseUrl, HttpAuthKind AuthKind = HttpAuthKind.None, string? AuthName = null) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Http;
    public override string Summary => $"{BaseUrl} ({AuthKind})";
}
