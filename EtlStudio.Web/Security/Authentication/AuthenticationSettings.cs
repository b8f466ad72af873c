using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>How people sign in.</summary>
public enum AuthenticationMode
{
    /// <summary>Local accounts in the configuration database; the first Admin is created at <c>/setup</c>.</summary>
    Local,
    /// <summary>Microsoft Entra ID (OpenID Connect); roles are the app registration's app roles.</summary>
    EntraId,
}

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

internal sealed class EntraIdSettingsValidator(IConfiguration configuration) : IValidateOptions<AuthenticationSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthenticationSettings options)
    {
        if (options.Mode != AuthenticationMode.EntraId) return ValidateOptionsResult.Success;
        var missing = new[] { "Instance", "TenantId", "ClientId" }
            .Where(key => string.IsNullOrWhiteSpace(configuration[$"AzureAd:{key}"]))
            .Select(key => $"AzureAd:{key} is required when {AuthenticationSettings.Section}:Mode is EntraId")
            .ToList();
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
