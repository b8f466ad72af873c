using System.Text.Json;

namespace EtlStudio.Engine.Parsing;

/// <summary>Records in a JSON array at the root or at a dotted path (<c>data.items</c>), streamed: only the record
/// being read (and whatever chunk surrounds it) is in memory.</summary>
/// <remarks>Each step reads one whole unit (a property and its value, or one array element) or nothing: when the
/// chunk ends inside a unit the reader rolls back to the unit's start and asks for more input. After the records array
/// the rest of the document is still read to its end, so that a broken envelope or text after the root value (a second
/// document appended, a truncated copy) fails the run naming the byte, instead of being ignored.
/// Invalid UTF-8 inside a string (where it nearly always is) does not stop the tokenizer, so the record holding it is
/// rejected and the array goes on; between tokens it is a syntax error, and the array has no resync point after one.</remarks>
internal sealed class JsonArrayRecordReader(Utf8ChunkBuffer buffer, string origin, string recordsPath, int bomLength) : JsonRecordReader(buffer, origin, bomLength)
{
    private enum Outcome { NeedMore, Record, Done }

    private readonly string[] _segments = recordsPath.Length == 0 ? [] : recordsPath.Split('.');
    private JsonReaderState _state;
    private bool _started;
    private bool _inRecords;
    private bool _afterRecords;
    private bool _done;
    private int _matched;
    private int _recordStart;
    private int _recordLength;

    public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        ClearRecord();
        while (!_done)
        {
            switch (Step())
            {
                case Outcome.Record:
                    RecordNumber++;
                    SetRecord(_recordStart, _recordLength);
                    return true;
                case Outcome.NeedMore:
                    if (!await Buffer.FillAsync(cancellationToken)) throw Broken("the document ends before the records array is closed", null);
                    break;
                case Outcome.Done:
                    _done = true;
                    break;
            }
        }
        return false;
    }

    private Outcome Step()
    {
        var reader = new Utf8JsonReader(Buffer.Data, Buffer.IsFinal, _state);
        try
        {
            while (true)
            {
                var checkpoint = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                var outcome = _afterRecords ? Finish(ref reader) : _inRecords ? NextElement(ref reader) : Seek(ref reader);
                if (outcome is null) continue;
                if (outcome == Outcome.NeedMore)
                {
                    if (Buffer.IsFinal && !_started && Buffer.Length - consumed == 0)
                    {
                        throw new EtlDataException("the document is empty: a JSON array of records was expected", Origin);
                    }
                    _state = checkpoint;
                    Buffer.Advance(consumed);
                    return Outcome.NeedMore;
                }
                _state = reader.CurrentState;
                if (outcome == Outcome.Record) _recordStart += Buffer.Start;
                Buffer.Advance((int)reader.BytesConsumed);
                return outcome.Value;
            }
        }
        catch (JsonException e)
        {
            throw Broken(e.Message, e, reader.BytesConsumed);
        }
    }

    private Outcome? NextElement(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return Outcome.NeedMore;
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            _afterRecords = true;
            return null;
        }
        _recordStart = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return Outcome.NeedMore;
        _recordLength = (int)reader.BytesConsumed - _recordStart;
        return Outcome.Record;
    }

    /// <summary>Reads what follows the records array to the end of the document: the reader itself refuses anything
    /// but white space after the root value once it knows the input has ended.</summary>
    private Outcome? Finish(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return Buffer.IsFinal ? Outcome.Done : Outcome.NeedMore;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return Outcome.NeedMore;
        return null;
    }

    /// <summary>Walks down to the records array, skipping everything beside the path.</summary>
    private Outcome? Seek(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return Outcome.NeedMore;
        if (!_started)
        {
            _started = true;
            if (_segments.Length == 0)
            {
                if (reader.TokenType != JsonTokenType.StartArray) throw NotFound($"the document is a JSON {reader.TokenType}, not an array of records");
                _inRecords = true;
                return null;
            }
            if (reader.TokenType != JsonTokenType.StartObject) throw NotFound($"the document is a JSON {reader.TokenType}, not an object");
            return null;
        }
        if (reader.TokenType == JsonTokenType.EndObject) throw NotFound("the path does not exist");
        var match = reader.ValueTextEquals(_segments[_matched]);
        if (!reader.Read()) return Outcome.NeedMore;
        if (!match) return reader.TrySkip() ? null : Outcome.NeedMore;
        if (_matched == _segments.Length - 1)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                _afterRecords = true;
                return null;
            }
            if (reader.TokenType != JsonTokenType.StartArray) throw NotFound($"the value there is a JSON {reader.TokenType}, not an array");
            _inRecords = true;
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject) throw NotFound($"the value at '{_segments[_matched]}' is a JSON {reader.TokenType}, not an object");
        _matched++;
        return null;
    }

    private EtlDataException NotFound(string why) =>
        new($"no records array at path '{string.Join('.', _segments)}': {why}", Origin);

    private EtlDataException Broken(string why, JsonException? e, long consumedInChunk = 0)
    {
        var where = e?.LineNumber is { } line
            ? $" (line {line + 1}, byte {e.BytePositionInLine + 1} of the line, offset {FileOffset(Buffer.Start) + consumedInChunk})"
            : $" (offset {FileOffset(Buffer.Start) + consumedInChunk})";
        // After the records array no record is being read: the offset alone says where.
        return new EtlDataException($"invalid JSON{where}: {why}", Origin, _afterRecords ? null : RecordNumber + 1, inner: e);
    }
}
