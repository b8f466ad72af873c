namespace EtlStudio.Web.Api;

/// <summary>The runs queued for a group's enabled flows, in flow order.</summary>
internal sealed record GroupRunAccepted(IReadOnlyList<Guid> RunIds);
