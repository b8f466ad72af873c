namespace EtlStudio.Engine.Sources.Archives;

/// <summary>Makes a compressed document's bytes readable twice (checked whole, then read): a local file is used in
/// place; any other stream (a blob download) is copied to a temporary file that is deleted when it is closed.</summary>
internal static class SeekableCopy
{
    /// <summary>A seekable stream at position 0 over <paramref name="content"/>'s bytes; <paramref name="content"/> is
    /// disposed when it was copied.</summary>
    /// <param name="content">The document's stream.</param>
    /// <param name="head">Bytes already read from a stream that cannot seek back (a sniffed signature).</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public static async Task<Stream> OpenAsync(Stream content, ReadOnlyMemory<byte> head, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            content.Position = 0;
            return content;
        }
        var path = Path.Combine(Path.GetTempPath(), $"etlstudio-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await file.WriteAsync(head, cancellationToken);
            await content.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            await content.DisposeAsync();
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
