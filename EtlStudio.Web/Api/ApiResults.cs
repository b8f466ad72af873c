using System.Security.Claims;
using System.Text.Json;
using EtlStudio.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary>The API's error results, worded the same for every resource.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} {id} does not exist.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>400 listing every problem; the shared forms key them by C# property path (<c>Columns[0].TargetColumn</c>),
    /// the API by JSON property path (<c>columns[0].targetColumn</c>).</summary>
    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string>> errors, string prefix = "", IEnumerable<KeyValuePair<string, object?>>? extensions = null) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => prefix + JsonPath(e.Key), e => new[] { e.Value }), extensions: extensions);

    public static string JsonPath(string key) => string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>Who is calling, as recorded on runs.</summary>
    public static string? UserName(ClaimsPrincipal user) => user.Identity?.Name;

    /// <summary>Saves; when a unique index refuses it (someone saved the same name since the check), the
    /// <paramref name="conflict"/> message instead of an exception.</summary>
    public static async Task<string?> SaveAsync(DbContext db, string conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return conflict;
        }
    }
}
