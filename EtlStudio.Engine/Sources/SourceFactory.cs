using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources.Archives;
using EtlStudio.Engine.Sources.Database;
using EtlStudio.Engine.Sources.Files;
using EtlStudio.Engine.Sources.Http;
using EtlStudio.Engine.Sources.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace EtlStudio.Engine.Sources;

/// <summary>Creates the source of a flow from its definition.</summary>
/// <remarks>
/// <para>HTTP sources send through the <see cref="HttpClient"/> given here, so the host decides its primary handler
/// (proxy, SSRF guard, certificates); retries come from <see cref="HttpSourceOptions"/> and are added here (a Polly
/// retry pipeline), not on the client.</para>
/// <para>Memory: files and blobs are streamed forward; HTTP pages are streamed when there is no pagination or the next
/// page comes from the <c>Link</c> header, and buffered one page at a time (at most
/// <see cref="HttpSourceOptions.MaxPageBytes"/>) when the next page depends on the body (next link, page number,
/// offset/limit); a query holds one row at a time.</para>
/// </remarks>
public sealed class SourceFactory : ISourceFactory
{
    private readonly HttpClient _httpClient;
    private readonly HttpSourceOptions _httpOptions;
    private readonly ResiliencePipeline<HttpResponseMessage> _httpPipeline;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ArchiveLimits _archiveLimits;

    /// <summary>Creates the factory.</summary>
    /// <param name="httpClient">Client for HTTP sources; its handler chain is the host's choice.</param>
    /// <param name="httpOptions">Retry and page-size limits for HTTP sources; null = defaults.</param>
    /// <param name="timeProvider">Clock for retry delays and <c>Retry-After</c> dates; null = system clock.</param>
    /// <param name="loggerFactory">Loggers; null = none.</param>
    /// <param name="archiveLimits">How far a <c>.gz</c> file or <c>.zip</c> archive may expand; null = defaults.</param>
    public SourceFactory(HttpClient httpClient, HttpSourceOptions? httpOptions = null, TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null, ArchiveLimits? archiveLimits = null)
    {
        _archiveLimits = archiveLimits ?? new ArchiveLimits();
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _httpOptions = httpOptions ?? new HttpSourceOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _httpPipeline = HttpRetryPipeline.Create(_httpOptions, timeProvider ?? TimeProvider.System,
            _loggerFactory.CreateLogger<HttpDocumentSource>());
    }

    /// <inheritdoc />
    public IDocumentSource CreateDocumentSource(SourceDefinition source, ParseDefinition parse)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parse);
        return source switch
        {
            FileSourceDefinition { Sftp: not null } files => Files(new SftpFileSource(files), parse),
            FileSourceDefinition { BlobConnectionString: null } files => Files(new LocalFileSource(files), parse),
            FileSourceDefinition files => Files(new BlobFileSource(files), parse),
            HttpSourceDefinition http => new HttpDocumentSource(http, parse, _httpClient, _httpPipeline, _httpOptions,
                _loggerFactory.CreateLogger<HttpDocumentSource>()),
            MessageSourceDefinition messages => new MessageDocumentSource(messages),
            DatabaseSourceDefinition => throw new ArgumentException(
                "A database source yields records, not documents: use OpenQueryAsync.", nameof(source)),
            _ => throw new ArgumentException($"Unknown source definition {source.GetType().Name}.", nameof(source)),
        };
    }

    /// <inheritdoc />
    public IDocumentSource CreateSampleSource(SourceDocument sample, ParseDefinition parse)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(parse);
        return Files(new SingleDocumentSource(sample), parse);
    }

    /// <summary>The one way a source of files is read: gzip files decompressed and the entries of zip archives that
    /// match <see cref="ParseDefinition.ArchiveEntries"/> read one by one, under the <see cref="ArchiveLimits"/>.</summary>
    internal IDocumentSource Files(IDocumentSource files, ParseDefinition parse) =>
        new DecompressingDocumentSource(files, parse.ArchiveEntries, _archiveLimits);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListFilesAsync(FileSourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source switch
        {
            { Sftp: not null } => await new SftpFileSource(source).ListAsync(cancellationToken),
            { BlobConnectionString: null } => new LocalFileSource(source).List(),
            _ => await new BlobFileSource(source).ListAsync(cancellationToken),
        };
    }

    /// <inheritdoc />
    public Task<QueryBounds?> ReadQueryBoundsAsync(DatabaseSourceDefinition source, string column, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        return QueryBoundsReader.ReadAsync(source, column, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return QueryRecordReader.OpenAsync(source, cancellationToken);
    }
}
