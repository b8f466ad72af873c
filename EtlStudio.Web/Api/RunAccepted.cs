namespace EtlStudio.Web.Api;

/// <summary>A queued run (202 Accepted; follow the Location header).</summary>
internal sealed record RunAccepted(Guid RunId);
