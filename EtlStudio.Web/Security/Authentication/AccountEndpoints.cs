using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Sign-out (a POST with the antiforgery token, so a link on another site cannot sign users out) and the
/// Entra ID sign-in challenge.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AccountPaths.Logout, async (HttpContext context, IOptions<AuthenticationSettings> settings, [FromForm] string? returnUrl) =>
        {
            if (settings.Value.Mode == AuthenticationMode.EntraId)
            {
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
            }
            await context.RequestServices.GetRequiredService<SignInManager<EtlUser>>().SignOutAsync();
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous();
        endpoints.MapGet(AccountPaths.Login + "/entra", ([FromQuery] string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();
        return endpoints;
    }
}
