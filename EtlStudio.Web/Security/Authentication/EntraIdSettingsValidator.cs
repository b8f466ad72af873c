using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Authentication;

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
