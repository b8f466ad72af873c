using System.Diagnostics;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Wraps a document's stream: times the reads as Extract and tees the bytes into staging when asked.</summary>
internal sealed class ExtractStream(Stream source, Stream? copy, RunState state) : ForwardReadStream(source)
{
    public override int Read(Span<byte> buffer)
    {
        var start = Stopwatch.GetTimestamp();
        var n = Inner.Read(buffer);
        copy?.Write(buffer[..n]);
        state.TimeSourceRead(start);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var n = await Inner.ReadAsync(buffer, cancellationToken);
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
}
