namespace EtlStudio.Web.Api;

/// <summary>A staged artifact by its name within the run (e.g. <c>raw/00001-orders.csv</c>) and the address it
/// downloads from; where the staging store keeps it is not part of the API.</summary>
internal sealed record RunArtifactDto(long Id, string Name, long Length, string DownloadUrl);
