namespace EtlStudio.Engine.Definitions;

/// <summary>Delimited/JSON/XML files from a local folder or an Azure Blob container.</summary>
public sealed record FileSourceDefinition : SourceDefinition
{
    /// <summary>Local folder (when <see cref="BlobConnectionString"/> is null) or blob container name.</summary>
    public required string Location { get; init; }

    /// <summary>Glob relative to the location, e.g. <c>*.csv</c> or <c>in/2024-*/orders_*.csv</c>.</summary>
    public string Pattern { get; init; } = "*";

    /// <summary>Azure Storage connection string; null for a local folder.</summary>
    public string? BlobConnectionString { get; init; }
}
