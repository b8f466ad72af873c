using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Sources;

/// <summary>Creates the source a flow reads from. Files, HTTP and messages yield documents that a parser turns into
/// records; a database query yields records directly.</summary>
public interface ISourceFactory
{
    /// <summary>Document source for <see cref="FileSourceDefinition"/>, <see cref="HttpSourceDefinition"/> and
    /// <see cref="MessageSourceDefinition"/>.</summary>
    /// <param name="source">The flow's source.</param>
    /// <param name="parse">The flow's parse settings: HTTP page-number and offset/limit pagination count the records
    /// of each page at <see cref="ParseDefinition.RecordsPath"/> to know when to stop.</param>
    IDocumentSource CreateDocumentSource(SourceDefinition source, ParseDefinition parse);

    /// <summary>An uploaded sample file read the way file sources read their files (a gzip file decompressed, the
    /// entries of a zip archive matching <see cref="ParseDefinition.ArchiveEntries"/>). Without an override the sample
    /// is read as it is.</summary>
    IDocumentSource CreateSampleSource(SourceDocument sample, ParseDefinition parse) => new SingleDocumentSource(sample);

    /// <summary>The files a file source reads, as paths relative to its location in reading order (what
    /// <see cref="FileSourceDefinition.Files"/> takes): a run lists them once and splits them into partitions. Throws
    /// <see cref="EtlDataException"/> for a missing folder or container, or when nothing matches.</summary>
    Task<IReadOnlyList<string>> ListFilesAsync(FileSourceDefinition source, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot list files.");

    /// <summary>The smallest and largest non-NULL value of <paramref name="column"/> in the query's result (a partitioned
    /// run whose flow declares no bounds cuts that span), or null when no row has a value there. Throws
    /// <see cref="EtlDataException"/> when the column is missing or of a type that cannot be split into ranges.</summary>
    Task<Database.QueryBounds?> ReadQueryBoundsAsync(DatabaseSourceDefinition source, string column, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot read query bounds.");

    /// <summary>Runs the query of a <see cref="DatabaseSourceDefinition"/> and returns a streamed reader over its rows.</summary>
    Task<IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken);
}
