using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Hosting;

internal sealed class StagingStoreOptionsValidator : IValidateOptions<StagingStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StagingStoreOptions options)
    {
        var problems = new List<string>();
        const string s = StagingStoreOptions.Section;
        if (options.Provider == StagingProvider.LocalFolder && string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add($"{s}:{nameof(options.Path)} must name a folder when {s}:{nameof(options.Provider)} is LocalFolder.");
        }
        if (options.Provider == StagingProvider.AzureBlob)
        {
            if (options.BlobServiceUri is null == string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                problems.Add($"{s}:{nameof(options.Provider)} AzureBlob needs exactly one of {s}:{nameof(options.BlobServiceUri)} (Azure identity) or {s}:{nameof(options.ConnectionString)}.");
            }
            if (options.BlobServiceUri is { IsAbsoluteUri: false } or { Scheme: not ("https" or "http") })
            {
                problems.Add($"{s}:{nameof(options.BlobServiceUri)} must be an absolute https URL (is '{options.BlobServiceUri}').");
            }
            // Azure's container naming rules: 3-63 lower-case letters, digits and single hyphens.
            if (!System.Text.RegularExpressions.Regex.IsMatch(options.Container ?? "", "^(?!-)(?!.*--)[a-z0-9-]{3,63}(?<!-)$"))
            {
                problems.Add($"{s}:{nameof(options.Container)} '{options.Container}' is not a valid container name (3-63 lower-case letters, digits, hyphens).");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
