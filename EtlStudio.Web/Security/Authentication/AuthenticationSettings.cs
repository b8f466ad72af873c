namespace EtlStudio.Web.Security.Authentication;

/// <summary>Section <c>Authentication</c>.</summary>
public sealed class AuthenticationSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Authentication";

    /// <summary><c>Authentication:Mode</c>: Local (default) or EntraId (then <c>AzureAd:Instance</c>,
    /// <c>AzureAd:TenantId</c> and <c>AzureAd:ClientId</c> are required).</summary>
    public AuthenticationMode Mode { get; set; } = AuthenticationMode.Local;

    /// <summary>The mode for registering schemes. An unknown value registers Local here; binding the options at start
    /// then stops the app with one line naming the key and the value.</summary>
    internal static AuthenticationMode ReadMode(IConfiguration configuration) =>
        Enum.TryParse<AuthenticationMode>(configuration[$"{Section}:{nameof(Mode)}"], ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : AuthenticationMode.Local;
}
