using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources;

/// <summary>One document a source yields: a file, an HTTP page or a message value. The stream is read once, forward.</summary>
/// <param name="Name">Origin for messages and rejects: file path, URL, or <c>topic[partition]@offset</c>.</param>
/// <param name="Content">The bytes; disposed with the document.</param>
public sealed record SourceDocument(string Name, Stream Content) : IAsyncDisposable
{
    /// <summary>The message this document is the value of (key, headers, partition, offset, timestamp), read by the
    /// message-derived columns; null for files and HTTP pages.</summary>
    public SourceMessage? Message { get; init; }

    /// <summary>The absolute path on the SFTP server of the file this document comes from (also for an entry of a zip
    /// file read there), which an after-load action deletes or moves; null for other sources.</summary>
    public string? RemotePath { get; init; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
