using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Stages the records of a query source as NDJSON (one object per record, every field as text) while
/// they are read: a query yields records, not bytes, so this is its raw extract.</summary>
internal sealed class QueryRecordTee(IRecordReader inner, Stream copy) : IRecordReader
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter? _json;
    private int[] _all = [];

    public string Origin => inner.Origin;
    public long RecordNumber => inner.RecordNumber;
    public IReadOnlyList<string> Fields => inner.Fields;
    public string? RecordError => inner.RecordError;
    public int Bind(string fieldPath) => inner.Bind(fieldPath);
    public string? GetValue(int handle) => inner.GetValue(handle);

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await inner.ReadAsync(cancellationToken)) return false;
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _all = [.. inner.Fields.Select(inner.Bind)];
        }
        _json.WriteStartObject();
        for (var i = 0; i < _all.Length; i++) _json.WriteString(inner.Fields[i], inner.GetValue(_all[i]));
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= 60 * 1024) await FlushAsync(cancellationToken);
        return true;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await copy.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }

    public async ValueTask DisposeAsync()
    {
        if (_json is not null) await _json.DisposeAsync();
        await inner.DisposeAsync();
    }
}
