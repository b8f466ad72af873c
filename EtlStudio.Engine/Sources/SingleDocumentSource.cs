namespace EtlStudio.Engine.Sources;

/// <summary>One document already in hand (an uploaded sample) as a source.</summary>
internal sealed class SingleDocumentSource(SourceDocument document) : IDocumentSource
{
    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        yield return document;
    }
}
