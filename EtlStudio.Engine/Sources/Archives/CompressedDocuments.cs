namespace EtlStudio.Engine.Sources.Archives;

/// <summary>Turns one document as a file source yields it into the documents a parser reads: a gzip file decompressed,
/// each matching entry of a zip archive, anything else unchanged.</summary>
/// <remarks>A compressed file is decompressed once to its end before its first byte is handed on (CRC and length
/// trailers checked, expansion limits applied), so a truncated, corrupt or bomb file fails before any of its rows is
/// loaded, whatever the load mode. It costs a second inflate pass, cheap next to parsing and loading.</remarks>
internal static class CompressedDocuments
{
    /// <summary>Zip archives are recognised by name; gzip by its magic bytes (1f 8b), whatever the name.</summary>
    public static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The document, decompressed when it starts with the gzip magic bytes. A file named <c>.gz</c> that does
    /// not start with them is read as it is (a server that already decompressed it).</summary>
    public static async ValueTask<SourceDocument> GunzipIfCompressedAsync(SourceDocument document, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            var head = new byte[2];
            var count = 0;
            while (count < head.Length)
            {
                var n = await document.Content.ReadAsync(head.AsMemory(count), cancellationToken);
                if (n == 0) break;
                count += n;
            }
            if (count < 2 || head[0] != 0x1f || head[1] != 0x8b)
            {
                if (!document.Content.CanSeek) return document with { Content = new Parsing.PrefixedStream(head, 0, count, document.Content) };
                document.Content.Position = 0;
                return document;
            }
            var seekable = await SeekableCopy.OpenAsync(document.Content, head, disposeCopied: true, cancellationToken);
            try
            {
                await using (var check = GzipDocumentStream.Open(seekable, document.Name, limits, leaveOpen: true))
                {
                    await check.CopyToAsync(Stream.Null, cancellationToken);
                }
                seekable.Position = 0;
                return document with { Content = GzipDocumentStream.Open(seekable, document.Name, limits) };
            }
            catch
            {
                await seekable.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await document.DisposeAsync();
            throw;
        }
    }
}
