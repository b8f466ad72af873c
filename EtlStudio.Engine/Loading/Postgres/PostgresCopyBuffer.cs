using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Builds PostgreSQL's binary COPY format (big-endian; each field an int32 length, -1 for NULL, then its
/// bytes) in a pooled buffer that the session flushes to the COPY stream whenever it passes <see cref="FlushAt"/>.</summary>
/// <remarks>Why not <see cref="Npgsql.NpgsqlBinaryImporter"/>: it resolves, binds and awaits each value, about 250 ns a
/// cell, which made the client, not the server, the bottleneck of a load. Writing the format here costs a few ns a
/// cell; the format is PostgreSQL's documented COPY BINARY file format (https://www.postgresql.org/docs/current/sql-copy.html).</remarks>
internal sealed class PostgresCopyBuffer : IDisposable
{
    public const int FlushAt = 60 * 1024;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    /// <summary>"PGCOPY\n\377\r\n\0"; 0xFF cannot be written in a u8 string literal (it would be UTF-8 encoded).</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
    private int _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Signature, flags and header extension length.</summary>
    public void Header()
    {
        Signature.CopyTo(Span(Signature.Length));
        Int32(0);
        Int32(0);
    }

    public void Trailer() => Int16(-1);

    public void StartRow(int fields) => Int16((short)fields);

    public void Null() => Int32(-1);

    public void Field(bool value)
    {
        Int32(1);
        Span(1)[0] = value ? (byte)1 : (byte)0;
    }

    public void Field(int value)
    {
        Int32(4);
        Int32(value);
    }

    public void Field(long value)
    {
        Int32(8);
        Int64(value);
    }

    public void Field(double value)
    {
        Int32(8);
        BinaryPrimitives.WriteDoubleBigEndian(Span(8), value);
    }

    public void Field(Guid value)
    {
        Int32(16);
        value.TryWriteBytes(Span(16), bigEndian: true, out _);
    }

    /// <summary>UTF-8 text; <paramref name="prefix"/> is jsonb's version byte. A lone surrogate throws
    /// <see cref="EncoderFallbackException"/> (an <see cref="ArgumentException"/>) rather than being replaced.</summary>
    public void Text(string value, byte? prefix = null)
    {
        var extra = prefix is null ? 0 : 1;
        var max = StrictUtf8.GetMaxByteCount(value.Length);
        var span = Span(4 + extra + max);
        var written = StrictUtf8.GetBytes(value, span[(4 + extra)..]);
        if (prefix is { } p) span[4] = p;
        BinaryPrimitives.WriteInt32BigEndian(span, written + extra);
        _length -= max - written;
    }

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Span(2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Span(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Span(8), value);

    /// <summary>Reserves <paramref name="size"/> bytes at the end and returns them.</summary>
    public Span<byte> Span(int size)
    {
        if (_length + size > _buffer.Length) Grow(size);
        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
