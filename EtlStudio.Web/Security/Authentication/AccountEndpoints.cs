using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Sign-out (a POST with the antiforgery token, so a link on another site cannot sign users out) and the
/// Entra ID sign-in challenge.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Validated here rather than by the antiforgery middleware: its empty 400 would be re-executed by the status
        // code pages, whose second pass reads the rejected form and fails with a 500.
        endpoints.MapPost(AccountPaths.Logout, async (HttpContext context, IAntiforgery antiforgery, IOptions<AuthenticationSettings> settings) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Text("The sign-out form has expired: reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            }
            if (settings.Value.Mode == AuthenticationMode.EntraId)
            {
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            await context.RequestServices.GetRequiredService<SignInManager<EtlUser>>().SignOutAsync();
            return Results.LocalRedirect(LocalUrl.OrHome(form["returnUrl"]));
        }).AllowAnonymous().DisableAntiforgery();
        endpoints.MapGet(AccountPaths.Login + "/entra", ([FromQuery] string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();
        return endpoints;
    }
}
