namespace EtlStudio.Engine.Parsing;

/// <summary>Passes UTF-8 through and throws <see cref="InvalidUtf8Exception"/> at the first invalid byte, where a
/// decoder would put U+FFFD in its place without a word. The valid bytes before it are handed out first, so the records
/// before the bad byte are read.</summary>
internal sealed class Utf8CheckedStream(Stream inner, long startOffset) : ForwardReadStream(inner)
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _valid;
    private int _end;
    private bool _final;
    private InvalidUtf8Exception? _bad;
    private long _offset = startOffset;
    private long _line = 1;
    private long _lineStart = startOffset;

    public override int Read(Span<byte> buffer)
    {
        while (_start == _valid && !_final)
        {
            if (_bad is not null) throw _bad;
            Compact();
            Check(Inner.Read(_buffer, _end, _buffer.Length - _end));
        }
        return Take(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_start == _valid && !_final)
        {
            if (_bad is not null) throw _bad;
            Compact();
            Check(await Inner.ReadAsync(_buffer.AsMemory(_end), cancellationToken));
        }
        return Take(buffer.Span);
    }

    /// <summary>Called when every checked byte has been handed out: moves the unchecked tail (a sequence the next read
    /// may complete) to the front.</summary>
    private void Compact()
    {
        var tail = _end - _valid;
        _buffer.AsSpan(_valid, tail).CopyTo(_buffer);
        (_start, _valid, _end) = (0, 0, tail);
    }

    /// <summary>Checks the tail and the <paramref name="read"/> bytes after it, up to the last whole sequence.</summary>
    private void Check(int read)
    {
        _end += read;
        var data = _buffer.AsSpan(0, _end);
        var keep = read == 0 ? 0 : Utf8Check.IncompleteTail(data);
        var bad = Utf8Check.FirstInvalid(data[..(_end - keep)]);
        _valid = bad < 0 ? _end - keep : bad;
        if (bad >= 0) _bad = Located(bad);
        else if (read == 0) _final = true;
    }

    private InvalidUtf8Exception Located(int index)
    {
        var before = _buffer.AsSpan(0, index);
        var line = _line + before.Count((byte)'\n');
        var lastLf = before.LastIndexOf((byte)'\n');
        var lineStart = lastLf >= 0 ? _offset + lastLf + 1 : _lineStart;
        var offset = _offset + index;
        return new InvalidUtf8Exception(offset, line, offset - lineStart + 1);
    }

    private int Take(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _valid - _start);
        var chunk = _buffer.AsSpan(_start, n);
        chunk.CopyTo(destination);
        var lastLf = chunk.LastIndexOf((byte)'\n');
        if (lastLf >= 0)
        {
            _line += chunk.Count((byte)'\n');
            _lineStart = _offset + lastLf + 1;
        }
        _offset += n;
        _start += n;
        return n;
    }
}
