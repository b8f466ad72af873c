using EtlStudio.Web.Security.Audit;
using EtlStudio.Web.Security.Authentication;
using EtlStudio.Web.Security.HttpGuard;
using EtlStudio.Web.Security.Secrets;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EtlStudio.Web.Security;

/// <summary>Everything security registers: secrets, the HTTP source guard, sign-in, authorization and audit.</summary>
public static class SecurityExtensions
{
    /// <summary>Registers the security services. Call before <c>Build()</c>.</summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSecretProtection();
        services.AddHttpGuard();
        services.AddEtlAuthentication(builder.Configuration);
        services.AddEtlAuthorization();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CurrentUser>();
        services.AddScoped<CircuitHandler, CircuitUserTracker>();
        services.AddSingleton<UserAdministration>();
        services.AddAuditLog();
        return builder;
    }

    /// <summary>The same-origin check of cookie-authenticated API writes, authentication and authorization middleware;
    /// call after routing-dependent middleware such as <c>UseStatusCodePages</c> and before <c>UseAntiforgery</c>.</summary>
    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
    {
        app.UseMiddleware<SameOriginApiWrites>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps sign-out and the Entra ID sign-in challenge.</summary>
    public static IEndpointRouteBuilder MapSecurityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountEndpoints();
        return endpoints;
    }
}
