namespace EtlStudio.Engine.Parsing;

/// <summary>Replays bytes already read from a forward-only stream (a sniffed BOM, skipped lines) before the rest.</summary>
internal sealed class PrefixedStream(byte[] prefix, int offset, int count, Stream inner) : ForwardReadStream(inner)
{
    private int _offset = offset;
    private int _count = count;

    public override int Read(Span<byte> buffer) => _count == 0 ? Inner.Read(buffer) : TakePrefix(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _count == 0 ? Inner.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(TakePrefix(buffer.Span));

    private int TakePrefix(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _count);
        prefix.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        _count -= n;
        return n;
    }
}
