using System.Diagnostics;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Wraps a document's stream: times the reads as Extract and tees the bytes into staging when asked.</summary>
internal sealed class ExtractStream(Stream source, Stream? copy, RunState state) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var start = Stopwatch.GetTimestamp();
        var n = source.Read(buffer);
        copy?.Write(buffer[..n]);
        state.TimeSourceRead(start);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var n = await source.ReadAsync(buffer, cancellationToken);
        if (copy is not null && n > 0) await copy.WriteAsync(buffer[..n], cancellationToken);
        state.TimeSourceRead(start);
        return n;
    }

    /// <summary>Copies what the parser left unread (trailing content after a JSON array or XML records) so the raw
    /// artifact is the whole document.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (copy is null) return;
        var buffer = new byte[64 * 1024];
        while (await ReadAsync(buffer, cancellationToken) > 0) { }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) source.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => source.DisposeAsync();
}
