using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Runs;

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) => options.Days >= 1
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail($"{RetentionOptions.Section}:{nameof(options.Days)} must be at least 1 (is {options.Days}).");
}
