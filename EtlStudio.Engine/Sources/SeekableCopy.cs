namespace EtlStudio.Engine.Sources;

/// <summary>Random access to a document's bytes, for readers that seek (zip archives, gzip checked whole then read, Excel
/// workbooks): a local file is used in place; any other stream (a blob download, an uploaded sample) is copied to a
/// temporary file that is deleted when it is closed (<see cref="TempCopies"/>).</summary>
internal static class SeekableCopy
{
    /// <summary>A seekable stream at position 0 over <paramref name="content"/>'s bytes.</summary>
    /// <param name="content">The document's stream.</param>
    /// <param name="head">Bytes already read from a stream that cannot seek back (a sniffed signature).</param>
    /// <param name="disposeCopied">Dispose <paramref name="content"/> once it was copied; false when the caller still owns
    /// it (a raw staging copy drains it when it is closed).</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public static async Task<Stream> OpenAsync(Stream content, ReadOnlyMemory<byte> head, bool disposeCopied, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            content.Position = 0;
            return content;
        }
        var path = TempCopies.NewPath("copy");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await file.WriteAsync(head, cancellationToken);
            await content.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            if (disposeCopied) await content.DisposeAsync();
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
