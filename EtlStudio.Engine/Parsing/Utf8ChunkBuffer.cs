using System.Buffers;

namespace EtlStudio.Engine.Parsing;

/// <summary>A growable window over a UTF-8 stream: readers consume from the front, <see cref="FillAsync"/> compacts
/// and appends. Bytes stay in place until the next fill, so slices handed out remain valid until then. Or, with
/// <see cref="Over"/>, a window over bytes already in memory (a message value): nothing rented, nothing copied.</summary>
internal sealed class Utf8ChunkBuffer : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private bool _rented;
    private int _start;
    private int _end;

    public Utf8ChunkBuffer(Stream stream) : this(stream, ArrayPool<byte>.Shared.Rent(64 * 1024), rented: true)
    {
    }

    private Utf8ChunkBuffer(Stream stream, byte[] buffer, bool rented) => (_stream, _buffer, _rented) = (stream, buffer, rented);

    /// <summary>A final window over <paramref name="bytes"/> from <paramref name="start"/> to their end; the caller keeps
    /// the bytes unchanged while it is read.</summary>
    public static Utf8ChunkBuffer Over(byte[] bytes, int start)
    {
        var buffer = new Utf8ChunkBuffer(Stream.Null, bytes, rented: false);
        buffer.Restart(bytes, start);
        return buffer;
    }

    /// <summary>Makes the window the bytes of another in-memory document (see <see cref="Over"/>).</summary>
    public void Restart(byte[] bytes, int start)
    {
        if (_rented) ArrayPool<byte>.Shared.Return(_buffer);
        _rented = false;
        (_buffer, _start, _end, Offset, IsFinal) = (bytes, start, bytes.Length, 0, true);
    }

    public byte[] Array => _buffer;
    public int Start => _start;
    public int Length => _end - _start;
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, _end - _start);
    public bool IsFinal { get; private set; }

    /// <summary>Bytes consumed before <see cref="Start"/>, for positions in messages.</summary>
    public long Offset { get; private set; }

    public void Advance(int count)
    {
        _start += count;
        Offset += count;
    }

    /// <summary>Reads more input; false when the input had already ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (IsFinal) return false;
        var length = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, length).CopyTo(_buffer);
            _start = 0;
            _end = length;
        }
        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            if (_rented) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
            _rented = true;
        }
        var n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (n == 0) IsFinal = true;
        _end += n;
        return true;
    }

    public void Dispose()
    {
        if (_rented) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _rented = false;
        _stream.Dispose();
    }
}
