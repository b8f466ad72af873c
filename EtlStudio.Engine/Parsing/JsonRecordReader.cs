using System.Text.Json;

namespace EtlStudio.Engine.Parsing;

/// <summary>What JSON layouts share: the current record as a parsed element, bound paths, and the fields seen.</summary>
/// <remarks>A record with invalid UTF-8 is a <see cref="RecordError"/> naming the byte: System.Text.Json only finds it
/// when a string is decoded, and would then fail the whole run without saying where.</remarks>
internal abstract class JsonRecordReader(Utf8ChunkBuffer buffer, string origin, int bomLength) : IRecordReader
{
    private const int MaxFieldDepth = 8;

    /// <summary>Distinct field paths listed in <see cref="Fields"/> at most: the list is for people (the designer's
    /// detected fields), and records with ever new keys must not grow it without bound.</summary>
    internal const int MaxListedFields = 10_000;
    private readonly List<JsonFieldPath> _paths = [];
    private readonly List<string> _fields = [];
    private readonly HashSet<string> _seen = [];
    private JsonDocument? _current;
    private int _rawStart;
    private int _rawLength = -1;

    protected Utf8ChunkBuffer Buffer { get; } = buffer;

    /// <summary>Offset in the file of the byte at <paramref name="index"/> of the buffer's array (BOM counted), for
    /// messages. Valid while the bytes there have not moved.</summary>
    protected long FileOffset(int index) => bomLength + Buffer.Offset + (index - Buffer.Start);
    public string Origin { get; } = origin;
    public long RecordNumber { get; protected set; }
    public IReadOnlyList<string> Fields => _fields;
    public string? RecordError { get; protected set; }

    public string? RecordText(int maxChars) =>
        _rawLength >= 0 ? RawRecordText.Cut(Buffer.Array.AsSpan(_rawStart, _rawLength), maxChars)
        : _current is { } document ? RawRecordText.Cut(System.Text.Encoding.UTF8.GetBytes(document.RootElement.GetRawText()), maxChars)
        : null;

    public int Bind(string fieldPath)
    {
        _paths.Add(new JsonFieldPath(fieldPath));
        return _paths.Count - 1;
    }

    public string? GetValue(int handle) =>
        _current is null || (uint)handle >= (uint)_paths.Count ? null : _paths[handle].Evaluate(_current.RootElement);

    public bool HasField(int handle) =>
        _current is not null && (uint)handle < (uint)_paths.Count && _paths[handle].Exists(_current.RootElement);

    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Drops the previous record before the buffer under it moves.</summary>
    protected void ClearRecord()
    {
        _current?.Dispose();
        _current = null;
        _rawLength = -1;
        RecordError = null;
    }

    /// <summary>Makes the bytes at [start, start+length) of the buffer the current record. They must stay put until
    /// <see cref="ClearRecord"/>; the caller guarantees they are one complete JSON value.</summary>
    /// <param name="start">Index of the record's first byte in the buffer's array.</param>
    /// <param name="length">The record's length in bytes.</param>
    /// <param name="line">The record's line, for NDJSON; 0 when lines say nothing.</param>
    protected void SetRecord(int start, int length, long line = 0)
    {
        (_rawStart, _rawLength) = (start, length);
        if (Utf8Check.FirstInvalid(Buffer.Array.AsSpan(start, length)) is var bad and >= 0)
        {
            RecordError = line > 0 ? $"invalid UTF-8 on line {line} at byte {FileOffset(start + bad)}" : $"invalid UTF-8 at byte {FileOffset(start + bad)}";
            return;
        }
        _current = JsonDocument.Parse(Buffer.Array.AsMemory(start, length));
        if (_current.RootElement.ValueKind != JsonValueKind.Object)
        {
            RecordError = $"the record is a JSON {_current.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object";
            return;
        }
        Collect(_current.RootElement, "", 0);
    }

    protected void SetRecord(JsonDocument document)
    {
        _current = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            RecordError = $"the record is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object";
            return;
        }
        Collect(document.RootElement, "", 0);
    }

    private void Collect(JsonElement obj, string prefix, int depth)
    {
        foreach (var p in obj.EnumerateObject())
        {
            var name = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
            if (_fields.Count < MaxListedFields && _seen.Add(name)) _fields.Add(name);
            if (p.Value.ValueKind == JsonValueKind.Object && depth < MaxFieldDepth) Collect(p.Value, name, depth + 1);
        }
    }

    public ValueTask DisposeAsync()
    {
        ClearRecord();
        Buffer.Dispose();
        return ValueTask.CompletedTask;
    }
}
