using EtlStudio.Engine.Sources.Http;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.HttpGuard;

internal sealed class HttpGuardSettingsValidator : IValidateOptions<HttpGuardSettings>
{
    public ValidateOptionsResult Validate(string? name, HttpGuardSettings options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.HttpAllowList.Count; i++)
        {
            try
            {
                _ = new HttpAllowList([options.HttpAllowList[i]]);
            }
            catch (FormatException e)
            {
                failures.Add($"{HttpGuardSettings.Section}:{nameof(HttpGuardSettings.HttpAllowList)}:{i}: {e.Message}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
