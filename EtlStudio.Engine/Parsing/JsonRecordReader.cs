using System.Runtime.InteropServices;
using System.Text;
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
    private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SeenByChars => _seen.GetAlternateLookup<ReadOnlySpan<char>>();
    private JsonDocument? _current;
    private int _bomLength = bomLength;
    private int _rawStart;
    private int _rawLength = -1;

    protected Utf8ChunkBuffer Buffer { get; } = buffer;

    /// <summary>Offset in the file of the byte at <paramref name="index"/> of the buffer's array (BOM counted), for
    /// messages. Valid while the bytes there have not moved.</summary>
    protected long FileOffset(int index) => _bomLength + Buffer.Offset + (index - Buffer.Start);
    public string Origin { get; private set; } = origin;
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

    /// <summary>The UTF-8 of a number, a boolean, or a string without escapes (between its quotes): what
    /// <see cref="GetValue"/> would decode, without a string.</summary>
    public bool TryGetUtf8(int handle, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_current is null || (uint)handle >= (uint)_paths.Count || !_paths[handle].TryFind(_current.RootElement, out var e)) return false;
        switch (e.ValueKind)
        {
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                value = JsonMarshal.GetRawUtf8Value(e);
                return true;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(e)[1..^1];
                if (raw.Contains((byte)'\\')) return false;
                value = raw;
                return true;
            default:
                return false;
        }
    }

    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Starts over on another document: the next record is its first. The bound paths and the fields seen stay.</summary>
    protected void Restart(string origin, int bomLength)
    {
        ClearRecord();
        (Origin, _bomLength, RecordNumber) = (origin, bomLength, 0);
    }

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
        Span<char> chars = stackalloc char[MaxStackName];
        foreach (var p in obj.EnumerateObject())
        {
            string name;
            if (prefix.Length == 0 && SeenName(p, chars) is { } seen)
            {
                name = seen;
            }
            else
            {
                name = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
                if (_fields.Count < MaxListedFields && _seen.Add(name)) _fields.Add(name);
            }
            if (p.Value.ValueKind == JsonValueKind.Object && depth < MaxFieldDepth) Collect(p.Value, name, depth + 1);
        }
    }

    private const int MaxStackName = 128;

    /// <summary>A top-level name already seen, found without allocating (records of one shape repeat their names); null
    /// when it is new, escaped or long.</summary>
    private string? SeenName(JsonProperty property, Span<char> chars)
    {
        var utf8 = JsonMarshal.GetRawUtf8PropertyName(property);
        if (utf8.Length > chars.Length || utf8.Contains((byte)'\\')) return null;
        var n = Encoding.UTF8.GetChars(utf8, chars);
        return SeenByChars.TryGetValue(chars[..n], out var name) ? name : null;
    }

    public ValueTask DisposeAsync()
    {
        ClearRecord();
        Buffer.Dispose();
        return ValueTask.CompletedTask;
    }
}
