using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security;

internal sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options) =>
        options.BaseUrl is null or { IsAbsoluteUri: true, Scheme: "http" or "https" }
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{PortalOptions.Section}:{nameof(options.BaseUrl)} must be an absolute http(s) URL (is '{options.BaseUrl}').");
}
