using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Staging;

/// <summary>Writes mapped rows to staging in <see cref="MappedRowFormat"/>, buffering about 64 KiB at a time.</summary>
internal sealed class MappedRowWriter : IMappedRowWriter
{
    private const int FlushAt = 64 * 1024;
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
        EndLine();
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
            EndLine();
        }
        _json.WriteStartArray();
        for (var c = 0; c < _types.Length; c++) WriteValue(row[c], _types[c]);
        _json.WriteNumberValue(record);
        _json.WriteEndArray();
        EndLine();
        _rows++;
        return _buffer.WrittenCount >= FlushAt ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    private void WriteValue(object? value, ColumnType type)
    {
        switch (value)
        {
            case null: _json.WriteNullValue(); break;
            case string s: _json.WriteStringValue(s); break;
            case int i: _json.WriteNumberValue(i); break;
            case long l: _json.WriteNumberValue(l); break;
            case decimal m: _json.WriteNumberValue(m); break;
            case double d when double.IsFinite(d): _json.WriteNumberValue(d); break;
            case double d: _json.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case bool b: _json.WriteBooleanValue(b); break;
            case DateOnly date: WriteFormatted(date, MappedRowFormat.DateFormat); break;
            case DateTime dt: WriteFormatted(dt, MappedRowFormat.TimeFormat); break;
            case DateTimeOffset dto: WriteFormatted(dto, MappedRowFormat.TimeFormat); break;
            case Guid g: _json.WriteStringValue(g); break;
            default: throw new InvalidOperationException($"a {value.GetType().Name} value cannot be staged for a {type} column");
        }
    }

    /// <summary>Formats on the stack: a string per date cell was a third of what staging allocated.</summary>
    private void WriteFormatted<T>(T value, string format) where T : ISpanFormattable
    {
        Span<char> text = stackalloc char[64];
        if (!value.TryFormat(text, out var length, format, CultureInfo.InvariantCulture))
        {
            _json.WriteStringValue(value.ToString(format, CultureInfo.InvariantCulture));
            return;
        }
        _json.WriteStringValue(text[..length]);
    }

    private void EndLine()
    {
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
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
        EndLine();
        await FlushAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
