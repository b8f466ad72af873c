using EtlStudio.Web.Security.Authentication;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security;

/// <summary>Refuses cross-site writes to the API made with the portal's cookie: a POST, PUT, PATCH or DELETE under
/// <c>/api</c> that a browser could send from another site (it attaches the cookie; SameSite=Lax alone lets top-level
/// form POSTs through in some browsers and all same-site subdomains) must name this origin in <c>Origin</c>, or, when
/// a browser sent no Origin, in <c>Referer</c>.</summary>
/// <remarks>
/// <para>Requests signed in by an API key (<c>X-Api-Key</c>) or a bearer token are not checked: a browser never adds
/// those by itself, so another site cannot make it send them (the header would need a CORS preflight, which fails).</para>
/// <para>A cookie-carrying write with neither header is refused: browsers send <c>Origin</c> on every POST, PUT, PATCH
/// and DELETE from script and on every cross-site form post, so only a non-browser client omits it, and such clients
/// sign in with an API key. A write with no cookie at all goes on to authentication (and gets 401).</para>
/// <para>"This origin" is the request's own scheme and host, or <c>Portal:BaseUrl</c> behind a proxy that rewrites
/// the host.</para>
/// </remarks>
internal sealed partial class SameOriginApiWrites(RequestDelegate next, IOptions<PortalOptions> portal, ILogger<SameOriginApiWrites> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsCookieApiWrite(context.Request) && Refusal(context.Request) is { } reason)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", reason);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
                detail: $"{reason}. Writes with the portal's sign-in cookie must come from the portal itself; scripts use an API key.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool IsCookieApiWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        && request.Cookies.Count > 0
        && !request.Headers.ContainsKey(ApiKeys.Header)
        && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the request is refused, or null when it comes from this origin.</summary>
    private string? Refusal(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return IsThisOrigin(request, origin) ? null : $"Origin '{origin}' is not this site";
        }
        var referer = request.Headers.Referer.ToString();
        if (referer.Length > 0)
        {
            return IsThisOrigin(request, referer) ? null : "the Referer is not this site";
        }
        return "the request names no Origin or Referer";
    }

    private bool IsThisOrigin(HttpRequest request, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var claimed)) return false;
        return SameOrigin(claimed, $"{request.Scheme}://{request.Host}")
            || (portal.Value.BaseUrl is { IsAbsoluteUri: true } publicUrl && SameOrigin(claimed, publicUrl.GetLeftPart(UriPartial.Authority)));
    }

    private static bool SameOrigin(Uri claimed, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var own)
        && string.Equals(claimed.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(claimed.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase)
        && claimed.Port == own.Port;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cross-site {Method} {Path} made with the sign-in cookie: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);
}
