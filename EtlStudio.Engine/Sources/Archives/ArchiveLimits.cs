namespace EtlStudio.Engine.Sources.Archives;

/// <summary>The zip-bomb guard for compressed documents (<c>.gz</c>, <c>.zip</c>): how far the bytes of one compressed
/// file may expand. Exceeding either limit fails the document with an <see cref="EtlDataException"/> naming the file or
/// archive entry, so the run fails and its load rolls back.</summary>
public sealed record ArchiveLimits
{
    /// <summary>Largest decompressed-to-compressed size ratio of a gzip file or zip entry, checked once the output passes
    /// <see cref="RatioFreeBytes"/>. Deflate cannot exceed about 1032:1; repetitive CSV rarely passes 100:1.</summary>
    public double MaxExpansionRatio { get; init; } = 250;

    /// <summary>Output a document may produce before the ratio applies (small files compress oddly). Default 1 MiB.</summary>
    public long RatioFreeBytes { get; init; } = 1024 * 1024;

    /// <summary>Most decompressed bytes one compressed file may yield: a gzip file, or all entries read from one zip
    /// archive together. Default 16 GiB.</summary>
    public long MaxUncompressedBytes { get; init; } = 16L * 1024 * 1024 * 1024;
}
