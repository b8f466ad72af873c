using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Scripts calling <c>/api</c> get 401/403 instead of a redirect to the sign-in page.</summary>
internal static class ApiAwareCookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnRedirectToLogin = context => Respond(context, StatusCodes.Status401Unauthorized),
        OnRedirectToAccessDenied = context => Respond(context, StatusCodes.Status403Forbidden),
    };

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Respond(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
