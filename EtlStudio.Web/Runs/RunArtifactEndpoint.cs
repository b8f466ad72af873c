using EtlStudio.Data;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Streams a staged artifact of a run from the staging store (local folder or blob), for the run detail page.</summary>
internal static class RunArtifactEndpoint
{
    public static string Url(Guid runId, long artifactId) => $"runs/{runId}/artifacts/{artifactId}";

    public static IEndpointRouteBuilder MapRunArtifacts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/runs/{runId:guid}/artifacts/{artifactId:long}", DownloadAsync).RequireAuthorization(Policies.View);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(Guid runId, long artifactId, IDbContextFactory<EtlDbContext> contexts, IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var artifact = await db.RunArtifacts.AsNoTracking().FirstOrDefaultAsync(a => a.RunId == runId && a.Id == artifactId, cancellationToken);
        if (artifact is null) return Results.NotFound();
        if (services.GetService<IStagingStore>() is not { } staging) return Results.Problem("No staging store is configured on this server.", statusCode: 503);
        try
        {
            var stream = await staging.OpenReadAsync(runId, artifact.Name, cancellationToken);
            return Results.Stream(stream, "application/octet-stream", Path.GetFileName(artifact.Name));
        }
        catch (FileNotFoundException)
        {
            return Results.Problem($"The staged file '{artifact.Name}' is gone (retention may have removed it).", statusCode: 410);
        }
    }
}
