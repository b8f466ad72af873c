using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace EtlStudio.Web.Api;

/// <summary>Unhandled exceptions of API requests as problem details: a body that cannot be read (thrown in
/// Development) is a 400 that says what and where; anything else is a 500 without details (the exception is logged by
/// the middleware).</summary>
internal static class ApiErrors
{
    public static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (error is BadHttpRequestException bad)
        {
            context.Response.StatusCode = bad.StatusCode;
            // The JSON reader's message names the path and the expected type ("... System.Int32. Path: $.batchSize").
            var detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            await WriteAsync(problems, context, bad.StatusCode, detail);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await WriteAsync(problems, context, StatusCodes.Status500InternalServerError, "An unexpected error occurred. It has been logged.");
    }

    /// <summary>Middleware: an error status without a body (no such endpoint, 405, 415 for a body that is not JSON) gets
    /// a problem body, like every other API error.</summary>
    public static async Task ProblemForEmptyErrorAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength is not null || response.ContentType is not null) return;
        var detail = response.StatusCode switch
        {
            StatusCodes.Status404NotFound when context.GetEndpoint() is null => "No such API endpoint. The OpenAPI document is at /openapi/v1.json.",
            // Outside Development minimal APIs answer a body or query value they cannot bind with a bare 400 (the reason
            // goes to the debug log); in Development they throw and ApiErrors.WriteAsync names the JSON path.
            StatusCodes.Status400BadRequest => "The request could not be read: a missing or malformed JSON body, or a query value of the wrong type. The OpenAPI document at /openapi/v1.json describes each endpoint.",
            _ => null,
        };
        await WriteAsync(context.RequestServices.GetRequiredService<IProblemDetailsService>(), context, response.StatusCode, detail);
    }

    private static async Task WriteAsync(IProblemDetailsService problems, HttpContext context, int status, string? detail) =>
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
}
