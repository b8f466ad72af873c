namespace EtlStudio.Web.Security;

/// <summary>Section <c>Portal</c>: where people reach the portal, for links in notifications.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Absolute base URL of the portal (e.g. https://etl.example.com/); links to runs are made from it.
    /// Unset: notifications carry the run id without a link.</summary>
    public Uri? BaseUrl { get; set; }

    public Uri? RunLink(Guid runId) => BaseUrl is null ? null : new Uri(BaseUrl, $"runs/{runId:D}");
}
