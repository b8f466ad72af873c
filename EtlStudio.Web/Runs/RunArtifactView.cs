namespace EtlStudio.Web.Runs;

/// <summary>A staged artifact as people see it: its name within the run (<c>raw/00001-orders.csv</c>,
/// <c>mapped.ndjson</c>) and size; <paramref name="Id"/> is null for a file found in staging but never recorded.</summary>
public sealed record RunArtifactView(long? Id, string Name, long Length)
{
    /// <summary>The REST download address of a recorded artifact (cookie or API key, Viewer and up).</summary>
    public static string DownloadUrl(Guid runId, long artifactId) => $"/api/runs/{runId}/artifacts/{artifactId}";
}
