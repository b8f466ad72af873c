namespace EtlStudio.Engine.Sources;

/// <summary>A source of documents (files, HTTP pages, messages) that a parser turns into records.</summary>
public interface IDocumentSource
{
    /// <summary>Yields documents one at a time; the caller disposes each before asking for the next.
    /// Throws <see cref="EtlDataException"/> for a missing file, an HTTP 4xx and the like (naming it).</summary>
    IAsyncEnumerable<SourceDocument> GetDocumentsAsync(CancellationToken cancellationToken);
}
