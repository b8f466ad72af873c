using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Staging;

/// <summary>Writes mapped rows to staging in <see cref="MappedRowFormat"/>, buffering about 64 KiB at a time.</summary>
/// <remarks>Rows are encoded straight into the UTF-8 buffer, the way <see cref="Utf8JsonWriter"/> formats each value
/// (<see cref="Utf8Formatter"/> for numbers and GUIDs, ISO 8601 text for dates), without its per-token validation and
/// per-character escaping check: that cost about 1 s of CPU per million 12-column rows. A string that needs escaping
/// (a quote, a backslash, a control character or a broken surrogate) goes through <see cref="Utf8JsonWriter"/>, as do
/// the header, origin and trailer lines.</remarks>
internal sealed class MappedRowWriter : IMappedRowWriter
{
    private const int FlushAt = 64 * 1024;
    /// <summary>Room for any number, date or GUID and its quotes.</summary>
    private const int MaxScalarBytes = 72;
    /// <summary>UTF-8 bytes JSON does not allow unescaped inside a string.</summary>
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);
    private readonly Stream _stream;
    private readonly ColumnType[] _types;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private readonly Utf8JsonWriter _json;
    private long _rows;
    private string? _origin;

    public MappedRowWriter(Stream stream, IReadOnlyList<TargetColumn> columns)
    {
        _stream = stream;
        _types = [.. columns.Select(c => c.Type)];
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        MappedRowFormat.WriteHeader(_json, columns);
        EndJson();
        Put((byte)'\n');
    }

    /// <summary>Writes a row read from record <paramref name="record"/> of <paramref name="origin"/>.</summary>
    public ValueTask WriteAsync(object?[] row, string origin, long record, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(origin, _origin) && !string.Equals(origin, _origin, StringComparison.Ordinal))
        {
            _origin = origin;
            _json.WriteStartObject();
            _json.WriteString(MappedRowFormat.OriginProperty, origin);
            _json.WriteEndObject();
            EndJson();
            Put((byte)'\n');
        }
        Put((byte)'[');
        for (var c = 0; c < _types.Length; c++)
        {
            WriteValue(row[c], _types[c]);
            Put((byte)',');
        }
        Advance(Utf8Formatter.TryFormat(record, Scalar(), out var n), n);
        Put((byte)']');
        Put((byte)'\n');
        _rows++;
        return _buffer.WrittenCount >= FlushAt ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    private void WriteValue(object? value, ColumnType type)
    {
        int n;
        switch (value)
        {
            case null: Put("null"u8); break;
            case string s: WriteString(s); break;
            case int i: Advance(Utf8Formatter.TryFormat(i, Scalar(), out n), n); break;
            case long l: Advance(Utf8Formatter.TryFormat(l, Scalar(), out n), n); break;
            case decimal m: Advance(Utf8Formatter.TryFormat(m, Scalar(), out n), n); break;
            case double d when double.IsFinite(d): Advance(d.TryFormat(Scalar(), out n, default, CultureInfo.InvariantCulture), n); break;
            case double d: WriteQuoted(d, "R"); break;
            case bool b: Put(b ? "true"u8 : "false"u8); break;
            case DateOnly date: WriteQuoted(date, MappedRowFormat.DateFormat); break;
            case DateTime dt: WriteQuoted(dt, MappedRowFormat.TimeFormat); break;
            case DateTimeOffset dto: WriteQuoted(dto, MappedRowFormat.TimeFormat); break;
            case Guid g: WriteQuoted(g, "D"); break;
            default: throw new InvalidOperationException($"a {value.GetType().Name} value cannot be staged for a {type} column");
        }
    }

    /// <summary>Text whose UTF-8 needs no escaping is copied between quotes as it is; the rest is escaped by the JSON
    /// writer.</summary>
    private void WriteString(string s)
    {
        var span = _buffer.GetSpan(s.Length * 3 + 2);
        if (Utf8.FromUtf16(s, span[1..], out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
            && span.Slice(1, written).IndexOfAny(NeedsEscape) < 0)
        {
            span[0] = (byte)'"';
            span[written + 1] = (byte)'"';
            _buffer.Advance(written + 2);
            return;
        }
        _json.WriteStringValue(s);
        EndJson();
    }

    /// <summary>A value formatted as ASCII text (dates, GUIDs, non-finite doubles), between quotes.</summary>
    private void WriteQuoted<T>(T value, string format) where T : IUtf8SpanFormattable
    {
        var span = Scalar();
        if (!value.TryFormat(span[1..], out var n, format, CultureInfo.InvariantCulture)) throw new InvalidOperationException($"{typeof(T).Name} {value} does not fit {MaxScalarBytes} bytes");
        span[0] = (byte)'"';
        span[n + 1] = (byte)'"';
        _buffer.Advance(n + 2);
    }

    private Span<byte> Scalar() => _buffer.GetSpan(MaxScalarBytes);

    private void Advance(bool formatted, int bytes)
    {
        if (!formatted) throw new InvalidOperationException($"a staged value does not fit {MaxScalarBytes} bytes");
        _buffer.Advance(bytes);
    }

    private void Put(byte b)
    {
        _buffer.GetSpan(1)[0] = b;
        _buffer.Advance(1);
    }

    private void Put(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    /// <summary>Moves what the JSON writer holds into the buffer and readies it for the next value.</summary>
    private void EndJson()
    {
        _json.Flush();
        _json.Reset();
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }

    /// <summary>Writes the trailer and what is buffered; without it the artifact reads as incomplete.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        _json.WriteNumber(MappedRowFormat.RowsProperty, _rows);
        _json.WriteEndObject();
        EndJson();
        Put((byte)'\n');
        await FlushAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
