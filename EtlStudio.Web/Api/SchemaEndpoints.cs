using System.Data.Common;
using EtlStudio.Data;
using EtlStudio.Engine;
using EtlStudio.Web.Flows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/flows/{id}/schema-plan</c>: the DDL a flow's destination table needs (shown first), and applying it.
/// A plan with problems is answered, not applied (409 on apply); a destination that cannot be reached or refuses a
/// statement is a 422 naming the table and the statement.</summary>
internal static class SchemaEndpoints
{
    public static async Task<Results<Ok<SchemaPlanDto>, ProblemHttpResult>> PlanAsync(int id, [FromServices] FlowSchema schema,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(contexts, id, cancellationToken)) return ApiResults.NotFound("Flow", id);
        try
        {
            return TypedResults.Ok(SchemaPlanDto.From(await schema.PlanAsync(id, cancellationToken), applied: false));
        }
        catch (Exception e) when (e is EtlDataException or DbException or InvalidOperationException)
        {
            return Unprocessable(e);
        }
    }

    public static async Task<Results<Ok<SchemaPlanDto>, ProblemHttpResult>> ApplyAsync(int id, [FromServices] FlowSchema schema,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(contexts, id, cancellationToken)) return ApiResults.NotFound("Flow", id);
        try
        {
            var (plan, applied) = await schema.ApplyAsync(id, cancellationToken);
            if (!plan.IsValid)
            {
                return ApiResults.Conflict($"The table '{plan.Table}' cannot be made to fit by DDL: {string.Join("; ", plan.Problems)}. Nothing was changed.");
            }
            return TypedResults.Ok(SchemaPlanDto.From(plan, applied));
        }
        catch (Exception e) when (e is EtlDataException or DbException or InvalidOperationException)
        {
            return Unprocessable(e);
        }
    }

    private static ProblemHttpResult Unprocessable(Exception e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Destination", detail: e.Message);

    private static async Task<bool> ExistsAsync(IDbContextFactory<EtlDbContext> contexts, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Flows.AnyAsync(f => f.Id == id, cancellationToken);
    }
}
