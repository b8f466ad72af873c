using System.Text.Json.Serialization;
using EtlStudio.Web.Groups;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EtlStudio.Web.Api;

/// <summary><c>builder.AddEtlApi()</c> and <c>app.MapEtlApi()</c>: the REST API under <c>/api</c> and its OpenAPI
/// document at <c>/openapi/v1.json</c>. Errors are problem details (RFC 9457) without stack traces.</summary>
/// <remarks>Endpoints require the <see cref="Security.Policies"/>; the security feature registers them with
/// authentication (one place, <c>Security/SecurityExtensions.cs</c>), the API only names them.</remarks>
internal static class ApiExtensions
{
    public static IHostApplicationBuilder AddEtlApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddOpenApi();
        // Enums travel as names ("Upsert", "Failed"), the form people write and read.
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<GroupStore>();
        services.AddScoped<GroupImporter>();
        services.TryAddSingleton<Flows.FlowService>();
        return builder;
    }

    public static WebApplication MapEtlApi(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = ApiErrors.WriteAsync,
                // A client's unreadable body is its mistake, answered with a 400: not an error to log with a stack trace.
                SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
            });
            api.Use(ApiErrors.ProblemForEmptyErrorAsync);
        });
        app.MapOpenApi();
        // The portal's status code pages (an HTML "not found" page) are for people, never for API responses.
        var api = app.MapGroup("/api").WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        api.MapGroupEndpoints();
        api.MapFlowEndpoints();
        api.MapConnectionEndpoints();
        api.MapTriggerEndpoints();
        api.MapRunEndpoints();
        return app;
    }
}
