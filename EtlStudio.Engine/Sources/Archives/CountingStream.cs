using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Sources.Archives;

/// <summary>Counts the compressed bytes a decompressor has taken, for the expansion ratio and for the byte offset an
/// error names.</summary>
internal sealed class CountingStream(Stream inner) : ForwardReadStream(inner)
{
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await Inner.ReadAsync(buffer, cancellationToken);
        BytesRead += n;
        return n;
    }
}
