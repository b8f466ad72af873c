using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Chooses the sign-in for each request: an <c>X-Api-Key</c> header (local accounts) or a bearer token
/// (Entra ID) for scripts, otherwise the portal's cookie.</summary>
internal static class AuthenticationRegistration
{
    public const string Scheme = "EtlStudio";

    public static IServiceCollection AddEtlAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthenticationSettings>().BindConfiguration(AuthenticationSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthenticationSettings>, EntraIdSettingsValidator>();
        // Schemes are fixed at registration, so the mode is read now rather than from the options.
        var mode = AuthenticationSettings.ReadMode(configuration);
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = Scheme;
            o.DefaultChallengeScheme = Scheme;
            if (mode == AuthenticationMode.Local) o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        if (mode == AuthenticationMode.Local)
        {
            services.AddSingleton<ApiKeyClaims>();
            authentication.AddLocalAccounts()
                .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        }
        else
        {
            authentication.AddEntraId(configuration);
        }
        var cookie = mode == AuthenticationMode.Local ? IdentityConstants.ApplicationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        authentication.AddPolicyScheme(Scheme, "Cookie, API key or bearer token", o => o.ForwardDefaultSelector = context =>
            mode == AuthenticationMode.Local && context.Request.Headers.ContainsKey(ApiKeys.Header) ? ApiKeyAuthenticationHandler.SchemeName
            : mode == AuthenticationMode.EntraId && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? JwtBearerDefaults.AuthenticationScheme
            : cookie);
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        return services;
    }
}
