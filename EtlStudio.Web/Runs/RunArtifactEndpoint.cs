using EtlStudio.Data;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Streams a staged artifact of a run from the staging store (local folder or blob), by the artifact's id:
/// <c>GET /api/runs/{id}/artifacts/{artifactId}</c> (<see cref="RunArtifactView.DownloadUrl"/>), and the portal's older
/// <c>/runs/{id}/artifacts/{artifactId}</c>. The file is named after the artifact; the store's location never leaves.</summary>
internal static class RunArtifactEndpoint
{
    public static IEndpointRouteBuilder MapRunArtifacts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/runs/{runId:guid}/artifacts/{artifactId:long}", DownloadAsync).RequireAuthorization(Policies.View);
        return endpoints;
    }

    public static async Task<IResult> DownloadAsync(Guid runId, long artifactId, IDbContextFactory<EtlDbContext> contexts, IStagingStore staging, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = await db.RunArtifacts.AsNoTracking().Where(a => a.RunId == runId && a.Id == artifactId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null) return Results.Problem($"Run {runId} has no artifact {artifactId}.", statusCode: StatusCodes.Status404NotFound);
        try
        {
            var stream = await staging.OpenReadAsync(runId, name, cancellationToken);
            return Results.Stream(stream, "application/octet-stream", Path.GetFileName(name));
        }
        catch (FileNotFoundException)
        {
            return Results.Problem($"The staged file '{name}' is gone (retention may have removed it).", statusCode: StatusCodes.Status410Gone);
        }
    }
}
