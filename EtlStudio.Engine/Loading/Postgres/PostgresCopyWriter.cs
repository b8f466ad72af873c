using System.Buffers.Binary;
using System.Text;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Encodes rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
/// "Binary Format") into one growing buffer that the session hands to <see cref="Npgsql.NpgsqlRawCopyStream"/> in
/// chunks. One encoder per column, chosen once per session from the column pair, so a cell costs a delegate call and a
/// few stores instead of <see cref="Npgsql.NpgsqlBinaryImporter"/>'s per-value type resolution and bind (issue #14).</summary>
internal sealed class PostgresCopyWriter
{
    /// <summary>Hand the buffer over once it holds this much: below Npgsql's write buffer (64 KB for loads), so a chunk is
    /// copied into it rather than written around it.</summary>
    internal const int ChunkSize = 32 * 1024;

    /// <summary>Npgsql's text encoding: UTF-8 that throws on a lone surrogate instead of writing U+FFFD.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Signature, flags (no OIDs), header extension length 0.</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly PostgresValueEncoder[] _encoders;
    private readonly short _fields;
    private byte[] _buffer = new byte[ChunkSize * 2];
    private int _length;

    private PostgresCopyWriter(PostgresValueEncoder[] encoders, bool rowOrdinal)
    {
        _encoders = encoders;
        _fields = checked((short)(encoders.Length + (rowOrdinal ? 1 : 0)));
    }

    /// <summary>A writer for the target's columns (plus the upsert's row ordinal when <paramref name="rowOrdinal"/>), or
    /// null when any column pair has no encoder: then the whole load goes through the importer.</summary>
    public static PostgresCopyWriter? TryCreate(ResolvedTarget target, bool rowOrdinal)
    {
        var encoders = new PostgresValueEncoder[target.Targets.Count];
        for (var c = 0; c < encoders.Length; c++)
        {
            if (PostgresValueEncoders.For(target.Targets[c].Type, target.Columns[c].TypeName) is not { } encoder) return null;
            encoders[c] = encoder;
        }
        return new PostgresCopyWriter(encoders, rowOrdinal);
    }

    /// <summary>Columns per row, the row ordinal not counted.</summary>
    public int Columns => _encoders.Length;

    /// <summary>Bytes encoded and not yet handed over.</summary>
    public ReadOnlyMemory<byte> Pending => _buffer.AsMemory(0, _length);

    /// <summary>True when <see cref="Pending"/> should be handed over.</summary>
    public bool IsFull => _length >= ChunkSize;

    /// <summary>Forgets what was encoded (after it was handed over, or when a COPY is abandoned).</summary>
    public void Clear() => _length = 0;

    /// <summary>Starts a COPY: empties the buffer and writes the header.</summary>
    public void Begin()
    {
        _length = 0;
        Header.CopyTo(Reserve(Header.Length));
    }

    /// <summary>The trailer that ends the COPY data.</summary>
    public void End() => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);

    public void StartRow() => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), _fields);

    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    /// <summary>Column <paramref name="column"/>'s non-null value.</summary>
    public void Write(int column, object value) => _encoders[column](this, value);

    /// <summary>A field of <paramref name="size"/> bytes: writes its length and returns its payload to fill.</summary>
    public Span<byte> Field(int size)
    {
        var span = Reserve(4 + size);
        BinaryPrimitives.WriteInt32BigEndian(span, size);
        return span[4..];
    }

    public void WriteByteField(byte value) => Field(1)[0] = value;

    public void WriteInt32Field(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void WriteInt64Field(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    /// <summary>Text as UTF-8 (the session checked that client_encoding is UTF8), after jsonb's version byte 1 when
    /// <paramref name="versionByte"/>. The length is written once the bytes are counted.</summary>
    public void WriteUtf8Field(string text, bool versionByte)
    {
        var prefix = versionByte ? 1 : 0;
        var space = Reserve(4 + prefix + Utf8.GetMaxByteCount(text.Length));
        if (versionByte) space[4] = 1;
        var count = Utf8.GetBytes(text, space[(4 + prefix)..]);
        BinaryPrimitives.WriteInt32BigEndian(space, prefix + count);
        // Reserve advanced by the maximum; keep only what was written.
        _length -= space.Length - (4 + prefix + count);
    }

    /// <summary>Appends <paramref name="size"/> bytes to the buffer (growing it) and returns them.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }
}
