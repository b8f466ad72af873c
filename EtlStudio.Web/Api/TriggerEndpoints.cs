using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/triggers</c>: Kafka triggers, read and written through <see cref="TriggerService"/>, the same
/// service as the portal's Triggers pages.</summary>
internal static class TriggerEndpoints
{
    public static void MapTriggerEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write, _) = ApiRoutes.For(api, "/triggers", "Kafka triggers", Policies.Edit);
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:int}", GetAsync).WithName("GetTrigger");
        write.MapPost("/", CreateAsync);
        write.MapPut("/{id:int}", UpdateAsync);
        write.MapDelete("/{id:int}", DeleteAsync);
    }

    private static async Task<Ok<List<TriggerDto>>> ListAsync(int? flowId, TriggerService triggers, CancellationToken cancellationToken) =>
        TypedResults.Ok((await triggers.ListAsync(flowId, cancellationToken)).Select(TriggerDto.From).ToList());

    private static async Task<Results<Ok<TriggerDto>, ProblemHttpResult>> GetAsync(int id, TriggerService triggers, CancellationToken cancellationToken) =>
        await triggers.FindAsync(id, cancellationToken) is { } trigger ? TypedResults.Ok(TriggerDto.From(trigger)) : ApiResults.NotFound("Trigger", id);

    private static async Task<Results<CreatedAtRoute<TriggerDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(TriggerInput input,
        TriggerService triggers, CancellationToken cancellationToken)
    {
        var result = await triggers.SaveAsync(input.ToForm(0), cancellationToken);
        if (result.Errors.Count > 0) return ApiResults.Invalid(result.Errors);
        if (result.Conflict is { } conflict) return ApiResults.Conflict(conflict);
        var trigger = await triggers.FindAsync(result.Id, cancellationToken);
        return TypedResults.CreatedAtRoute(TriggerDto.From(trigger!), "GetTrigger", new { id = result.Id });
    }

    private static async Task<Results<Ok<TriggerDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, TriggerInput input,
        TriggerService triggers, CancellationToken cancellationToken)
    {
        var result = await triggers.SaveAsync(input.ToForm(id), cancellationToken);
        if (result.IsNotFound) return ApiResults.NotFound("Trigger", id);
        if (result.Errors.Count > 0) return ApiResults.Invalid(result.Errors);
        if (result.Conflict is { } conflict) return ApiResults.Conflict(conflict);
        var trigger = await triggers.FindAsync(id, cancellationToken);
        return TypedResults.Ok(TriggerDto.From(trigger!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, TriggerService triggers, CancellationToken cancellationToken) =>
        await triggers.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiResults.NotFound("Trigger", id);
}
