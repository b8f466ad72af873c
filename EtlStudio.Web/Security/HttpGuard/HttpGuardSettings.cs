namespace EtlStudio.Web.Security.HttpGuard;

/// <summary>Section <c>Security</c>.</summary>
public sealed class HttpGuardSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Security";

    /// <summary><c>Security:HttpAllowList</c>: hosts (<c>api.internal</c>, <c>*.corp.example</c>), addresses and CIDR
    /// networks that HTTP sources and webhooks may reach although they are not public; a host or address may carry a
    /// port (<c>api.internal:8443</c>), then only that port is allowed. Default: none.</summary>
    public List<string> HttpAllowList { get; set; } = [];
}
