namespace EtlStudio.Web.Hosting;

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

    /// <summary><c>Staging:Format</c>: Ndjson (default) or Parquet, the format of the mapped rows a run stages. Replay
    /// and Resume read either, whatever the setting is now.</summary>
    public EtlStudio.Engine.Staging.StagingFormat Format { get; set; } = EtlStudio.Engine.Staging.StagingFormat.Ndjson;
}
