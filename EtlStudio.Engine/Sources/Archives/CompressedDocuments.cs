namespace EtlStudio.Engine.Sources.Archives;

/// <summary>Turns one document as a file source yields it into the documents a parser reads: a gzip file decompressed,
/// each matching entry of a zip archive, anything else unchanged.</summary>
internal static class CompressedDocuments
{
    /// <summary>Zip archives are recognised by name; gzip by its magic bytes (1f 8b), whatever the name.</summary>
    public static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The document, decompressed when it starts with the gzip magic bytes. A file named <c>.gz</c> that does
    /// not start with them is read as it is (a server that already decompressed it).</summary>
    public static async ValueTask<SourceDocument> GunzipIfCompressedAsync(SourceDocument document, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var count = 0;
        try
        {
            while (count < head.Length)
            {
                var n = await document.Content.ReadAsync(head.AsMemory(count), cancellationToken);
                if (n == 0) break;
                count += n;
            }
        }
        catch
        {
            await document.DisposeAsync();
            throw;
        }
        var replayed = new Parsing.PrefixedStream(head, 0, count, document.Content);
        var content = count == 2 && head[0] == 0x1f && head[1] == 0x8b
            ? GzipDocumentStream.Open(replayed, document.Name, limits)
            : (Stream)replayed;
        return document with { Content = content };
    }
}
