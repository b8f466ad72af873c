using EtlStudio.Engine.Parsing;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;

namespace EtlStudio.Engine.Sources.Archives;

/// <summary>The decompressed bytes of a gzip document, every member of a concatenated (multi-member) file in turn.</summary>
/// <remarks>SharpZipLib rather than <see cref="System.IO.Compression.GZipStream"/>: the framework's stream ends quietly
/// at a truncated member (missing deflate blocks or trailer), which would load fewer rows without a word; SharpZipLib
/// checks each member's CRC-32 and length trailer and fails on an early end.</remarks>
internal sealed class GzipDocumentStream : ForwardReadStream
{
    private readonly CountingStream _compressed;
    private readonly string _name;
    private readonly ExpansionBudget _budget;
    private long _output;

    private GzipDocumentStream(GZipInputStream gzip, CountingStream compressed, string name, ExpansionBudget budget) : base(gzip)
    {
        _compressed = compressed;
        _name = name;
        _budget = budget;
    }

    // leaveOpen: keep the content open when this stream is disposed (the check pass before the real read).
    public static GzipDocumentStream Open(Stream content, string name, ArchiveLimits limits, bool leaveOpen = false)
    {
        var compressed = new CountingStream(content);
        return new GzipDocumentStream(new GZipInputStream(compressed) { IsStreamOwner = !leaveOpen }, compressed, name, new ExpansionBudget(limits, name));
    }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = Inner.Read(buffer);
        }
        catch (Exception e) when (e is SharpZipBaseException or EndOfStreamException or InvalidDataException)
        {
            var what = e is EndOfStreamException || e.Message.Contains("EOF", StringComparison.Ordinal) ? "truncated" : "corrupt";
            throw new EtlDataException(
                $"the gzip data is {what} at compressed byte {_compressed.BytesRead:N0} ({e.Message}); the file cannot be read whole",
                _name, inner: e);
        }
        _output += n;
        _budget.Charge(_name, n, _output, _compressed.BytesRead);
        return n;
    }

    // SharpZipLib inflates synchronously; the compressed bytes underneath are a local file or a blob download.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }
}
