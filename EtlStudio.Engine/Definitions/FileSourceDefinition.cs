using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Definitions;

/// <summary>Delimited/JSON/XML files from a local folder, an Azure Blob container or a folder on an SFTP server.</summary>
public sealed record FileSourceDefinition : SourceDefinition
{
    /// <summary>Local folder, blob container name (with <see cref="BlobConnectionString"/>) or the folder on the SFTP
    /// server (with <see cref="Sftp"/>; relative to the user's home folder unless it starts with <c>/</c>).</summary>
    public required string Location { get; init; }

    /// <summary>Glob relative to the location, e.g. <c>*.csv</c> or <c>in/2024-*/orders_*.csv</c>.</summary>
    public string Pattern { get; init; } = "*";

    /// <summary>Azure Storage connection string; null for a local folder.</summary>
    public string? BlobConnectionString { get; init; }

    /// <summary>The SFTP server the folder is on; null for a local folder or a blob container.</summary>
    public SftpEndpoint? Sftp { get; init; }

    /// <summary>What to do with the files the run read once its load committed (SFTP only; other file sources ignore it).</summary>
    public AfterLoadAction AfterLoad { get; init; } = AfterLoadAction.Keep;

    /// <summary>Folder the files move to with <see cref="AfterLoadAction.Move"/>: relative to <see cref="Location"/> unless
    /// it starts with <c>/</c>; created when missing.</summary>
    public string? AfterLoadFolder { get; init; }

    /// <summary>Only these files, paths relative to <see cref="Location"/> as <see cref="ISourceFactory.ListFilesAsync"/>
    /// lists them, read in this order: one partition of a run. Null: every file <see cref="Pattern"/> matches.</summary>
    public IReadOnlyList<string>? Files { get; init; }
}
