using EtlStudio.Web.Connections;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/connections</c>: listed for editors, written by admins, through <see cref="ConnectionService"/> like
/// the portal's editor. Secrets are write-only: never returned.</summary>
internal static class ConnectionEndpoints
{
    public static void MapConnectionEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write, _) = ApiRoutes.For(api, "/connections", "Connections", Policies.Admin,
            // Editors reference connections in flows, so they may list them (never a secret); viewers and operators may not.
            readPolicy: Policies.Edit);
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:int}", GetAsync).WithName("GetConnection");
        write.MapPost("/", CreateAsync).WithSummary("Creates a connection; the secret is stored protected and never returned.");
        write.MapPut("/{id:int}", UpdateAsync).WithSummary("Replaces a connection; an omitted secret is kept, an empty one cleared.");
        write.MapDelete("/{id:int}", DeleteAsync).WithSummary("Deletes an unused connection; 409 naming the flows and triggers that use it.");
    }

    private static async Task<Ok<List<ConnectionDto>>> ListAsync(ConnectionService connections, CancellationToken cancellationToken) =>
        TypedResults.Ok((await connections.ListAsync(cancellationToken)).Select(ConnectionDto.From).ToList());

    private static async Task<Results<Ok<ConnectionDto>, ProblemHttpResult>> GetAsync(int id, ConnectionService connections, CancellationToken cancellationToken) =>
        await connections.FindAsync(id, cancellationToken) is { } connection ? TypedResults.Ok(ConnectionDto.From(connection)) : ApiResults.NotFound("Connection", id);

    private static async Task<Results<CreatedAtRoute<ConnectionDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(ConnectionInput input,
        ConnectionService connections, CancellationToken cancellationToken)
    {
        var (change, errors) = input.ToChange();
        if (change is null) return ApiResults.Invalid(errors);
        var result = await connections.SaveAsync(0, change, cancellationToken);
        if (result.Connection is { } saved) return TypedResults.CreatedAtRoute(ConnectionDto.From(saved), "GetConnection", new { id = saved.Id });
        if (result.Conflict is { } conflict) return ApiResults.Conflict(conflict);
        return ApiResults.Invalid(result.Errors);
    }

    private static async Task<Results<Ok<ConnectionDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, ConnectionInput input,
        ConnectionService connections, CancellationToken cancellationToken)
    {
        var (change, errors) = input.ToChange();
        if (change is null) return await connections.FindAsync(id, cancellationToken) is null ? ApiResults.NotFound("Connection", id) : ApiResults.Invalid(errors);
        var result = await connections.SaveAsync(id, change, cancellationToken);
        if (result.Connection is { } saved) return TypedResults.Ok(ConnectionDto.From(saved));
        if (result.NotFound) return ApiResults.NotFound("Connection", id);
        if (result.Conflict is { } conflict) return ApiResults.Conflict(conflict);
        return ApiResults.Invalid(result.Errors);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, ConnectionService connections, CancellationToken cancellationToken)
    {
        var result = await connections.DeleteAsync(id, cancellationToken);
        if (result.NotFound) return ApiResults.NotFound("Connection", id);
        return result.Refusal is { } refusal ? ApiResults.Conflict(refusal) : TypedResults.NoContent();
    }
}
