using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Microsoft Entra ID: OpenID Connect for people (cookie afterwards), bearer tokens for scripts; roles are the
/// app registration's app roles (the <c>roles</c> claim). Configured from section <c>AzureAd</c>.</summary>
/// <remarks>Not exercised by the tests: it needs a tenant. The tests cover the Local mode and the shared policies.</remarks>
internal static class EntraIdRegistration
{
    public const string RoleClaim = "roles";

    public static AuthenticationBuilder AddEntraId(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var section = configuration.GetSection("AzureAd");
        authentication.AddMicrosoftIdentityWebApp(section, OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddMicrosoftIdentityWebApi(section, JwtBearerDefaults.AuthenticationScheme);
        var services = authentication.Services;
        services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
        {
            o.TokenValidationParameters.RoleClaimType = RoleClaim;
            var redirect = o.Events.OnRedirectToIdentityProvider;
            o.Events.OnRedirectToIdentityProvider = async context =>
            {
                // A script without credentials gets 401, not a sign-in page it cannot follow.
                if (ApiAwareCookieEvents.IsApi(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.HandleResponse();
                    return;
                }
                await redirect(context);
            };
        });
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TokenValidationParameters.RoleClaimType = RoleClaim);
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            o.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
            o.AccessDeniedPath = AccountPaths.AccessDenied;
            o.Cookie.Name = "EtlStudio.Auth";
            var denied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (!ApiAwareCookieEvents.IsApi(context.Request)) return denied(context);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        return authentication;
    }
}
