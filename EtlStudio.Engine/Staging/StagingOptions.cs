namespace EtlStudio.Engine.Staging;

/// <summary>Where runs stage their data: an Azure Blob container when <see cref="BlobConnectionString"/> is set,
/// else a local folder.</summary>
public sealed record StagingOptions
{
    /// <summary>Local root folder (one sub-folder per run).</summary>
    public string Folder { get; init; } = "data/staging";

    /// <summary>Azure Storage connection string; null or empty for the local folder.</summary>
    public string? BlobConnectionString { get; init; }

    /// <summary>Blob container (created when missing).</summary>
    public string BlobContainer { get; init; } = "etl-staging";

    /// <summary>Format of the staged mapped rows a run writes.</summary>
    public StagingFormat Format { get; init; } = StagingFormat.Ndjson;

    /// <summary>The store these options describe.</summary>
    public IStagingStore CreateStore() => string.IsNullOrEmpty(BlobConnectionString)
        ? new LocalFolderStagingStore(Folder)
        : new BlobStagingStore(BlobConnectionString, BlobContainer);
}
