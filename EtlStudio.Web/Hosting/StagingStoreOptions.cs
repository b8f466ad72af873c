using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Hosting;

/// <summary>Where runs stage their raw extract and mapped rows.</summary>
public enum StagingProvider { LocalFolder, AzureBlob }

/// <summary>Section <c>Staging</c>: the staging store of the web app (the engine's own <c>Engine.Staging.StagingOptions</c> has no
/// Azure identity, so the store is built here and registered before <c>AddEtlPipeline</c>).</summary>
public sealed class StagingStoreOptions
{
    public const string Section = "Staging";

    /// <summary><c>Staging:Provider</c>: LocalFolder (default) or AzureBlob.</summary>
    public StagingProvider Provider { get; set; } = StagingProvider.LocalFolder;

    /// <summary><c>Staging:Path</c> (LocalFolder): folder relative to the content root; default <c>data/staging</c>.</summary>
    public string Path { get; set; } = "data/staging";

    /// <summary><c>Staging:BlobServiceUri</c> (AzureBlob): https://account.blob.core.windows.net, reached with the
    /// app's Azure identity (DefaultAzureCredential: managed identity in Azure, developer sign-in locally).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary><c>Staging:ConnectionString</c> (AzureBlob): a storage connection string instead of an identity (Azurite, keys).</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Staging:Container</c> (AzureBlob): created when missing; default <c>staging</c>.</summary>
    public string Container { get; set; } = "staging";
}

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
