namespace EtlStudio.Web.Security.Authentication;

/// <summary>Return URLs after sign-in: only paths on this site, never another site (open redirect).</summary>
internal static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
