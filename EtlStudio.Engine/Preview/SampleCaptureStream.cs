using System.Text;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Preview;

/// <summary>Keeps the first bytes the parser reads from a document, to show them as the source stage's raw lines.</summary>
internal sealed class SampleCaptureStream(Stream source) : ForwardReadStream(source)
{
    private const int Capacity = 16 * 1024;
    private readonly MemoryStream _captured = new();

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        Capture(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await Inner.ReadAsync(buffer, cancellationToken);
        Capture(buffer.Span[..n]);
        return n;
    }

    private void Capture(ReadOnlySpan<byte> bytes)
    {
        var room = Capacity - (int)_captured.Length;
        if (room > 0) _captured.Write(bytes[..Math.Min(room, bytes.Length)]);
    }

    /// <summary>The first <paramref name="count"/> lines of what was read, decoded as <paramref name="encoding"/>
    /// unless a byte order mark says otherwise. A last line cut by the capture limit is left out.</summary>
    public IEnumerable<string> Lines(int count, Encoding encoding)
    {
        _captured.Position = 0;
        using var reader = new StreamReader(_captured, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = reader.ReadToEnd();
        var lines = text.Split('\n');
        var complete = _captured.Length < Capacity ? lines.Length : lines.Length - 1;
        return lines.Take(Math.Min(count, complete)).Select(l => l.TrimEnd('\r'));
    }
}
