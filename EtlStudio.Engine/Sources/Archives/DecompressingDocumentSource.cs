using System.Runtime.CompilerServices;

namespace EtlStudio.Engine.Sources.Archives;

/// <summary>Wraps a source of files so every format reads compressed files: gzip documents (by their magic bytes)
/// are decompressed, and each entry of a <c>.zip</c> archive matching <paramref name="entryGlob"/> becomes a document of
/// its own named <c>archive.zip!folder/entry.csv</c>. Other documents pass unchanged.</summary>
internal sealed class DecompressingDocumentSource(IDocumentSource inner, string entryGlob, ArchiveLimits limits) : IDocumentSource
{
    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in inner.GetDocumentsAsync(cancellationToken))
        {
            if (CompressedDocuments.IsZip(document.Name))
            {
                await foreach (var entry in ZipDocuments.ReadAsync(document, entryGlob, limits, cancellationToken))
                {
                    yield return entry;
                }
            }
            else
            {
                yield return await CompressedDocuments.GunzipIfCompressedAsync(document, limits, cancellationToken);
            }
        }
    }
}
