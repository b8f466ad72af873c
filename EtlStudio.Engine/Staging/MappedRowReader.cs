using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Staging;

/// <summary>Reads rows staged by <see cref="MappedRowWriter"/> back into the same typed values, streaming.</summary>
internal sealed class MappedRowReader : IMappedRowReader
{
    private readonly PipeReader _pipe;
    private readonly string _origin;
    private ReadOnlySequence<byte> _pending;
    private bool _hasPending;
    private ColumnType[] _types = [];
    private long _line;
    private long _rows;
    private bool _positions;

    private MappedRowReader(Stream stream, string origin)
    {
        _pipe = PipeReader.Create(stream);
        _origin = origin;
    }

    /// <summary>Source of the row last read (staged with positions), or null.</summary>
    public string? Origin { get; private set; }

    /// <summary>Record number of the row last read in <see cref="Origin"/> (staged with positions).</summary>
    public long Record { get; private set; }

    /// <summary>Whether rows carry their source and record (files staged before positions existed do not).</summary>
    public bool HasPositions => _positions;

    /// <summary>The columns the rows were staged with.</summary>
    public IReadOnlyList<TargetColumn> Columns { get; private set; } = [];

    public static async Task<MappedRowReader> OpenAsync(Stream stream, string origin, CancellationToken cancellationToken)
    {
        var reader = new MappedRowReader(stream, origin);
        var header = await reader.NextLineAsync(cancellationToken)
                     ?? throw new EtlDataException("the staged mapped output is empty", origin);
        using var doc = JsonDocument.Parse(header);
        reader.Columns = MappedRowFormat.ReadHeader(doc.RootElement);
        reader._positions = doc.RootElement.TryGetProperty(MappedRowFormat.PositionsProperty, out var positions) && positions.GetBoolean();
        reader._types = [.. reader.Columns.Select(c => c.Type)];
        return reader;
    }

    /// <summary>Reads the next row into <paramref name="row"/> (and its <see cref="Origin"/> and <see cref="Record"/>);
    /// false at the end.</summary>
    public async ValueTask<bool> ReadAsync(object?[] row, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await NextLineAsync(cancellationToken)
                       ?? throw new EtlDataException("the staged mapped output is incomplete: the run that wrote it did not finish mapping", _origin);
            try
            {
                if (line.FirstSpan is [(byte)'{', ..])
                {
                    if (StartsOrigin(line)) continue;
                    return CheckTrailer(line);
                }
                Parse(line, row);
                _rows++;
                return true;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new EtlDataException($"staged row is damaged: {e.Message}", _origin, _line - 1, inner: e);
            }
        }
    }

    /// <summary>An <c>{"origin":…}</c> line: the rows that follow come from that source.</summary>
    private bool StartsOrigin(ReadOnlySequence<byte> line)
    {
        using var doc = JsonDocument.Parse(line);
        if (!doc.RootElement.TryGetProperty(MappedRowFormat.OriginProperty, out var origin)) return false;
        Origin = origin.GetString();
        return true;
    }

    private bool CheckTrailer(ReadOnlySequence<byte> line)
    {
        using var doc = JsonDocument.Parse(line);
        var rows = doc.RootElement.GetProperty(MappedRowFormat.RowsProperty).GetInt64();
        if (rows != _rows) throw new FormatException($"the trailer counts {rows} rows but {_rows} were read");
        return false;
    }

    private void Parse(ReadOnlySequence<byte> line, object?[] row)
    {
        var json = new Utf8JsonReader(line);
        if (!json.Read() || json.TokenType != JsonTokenType.StartArray) throw new FormatException("a row is not a JSON array");
        for (var c = 0; c < _types.Length; c++)
        {
            if (!json.Read() || json.TokenType == JsonTokenType.EndArray) throw new FormatException($"the row has fewer than {_types.Length} values");
            row[c] = json.TokenType == JsonTokenType.Null ? null : Value(ref json, _types[c]);
        }
        if (_positions)
        {
            if (!json.Read() || json.TokenType != JsonTokenType.Number) throw new FormatException("the row has no record number");
            Record = json.GetInt64();
        }
    }

    private static object Value(ref Utf8JsonReader json, ColumnType type) => type switch
    {
        ColumnType.String or ColumnType.Json => json.GetString()!,
        ColumnType.Int => json.GetInt32(),
        ColumnType.Long => json.GetInt64(),
        ColumnType.Decimal => json.GetDecimal(),
        ColumnType.Double => json.TokenType == JsonTokenType.String ? double.Parse(json.GetString()!, CultureInfo.InvariantCulture) : json.GetDouble(),
        ColumnType.Bool => json.GetBoolean(),
        ColumnType.Date => DateOnly.ParseExact(json.GetString()!, MappedRowFormat.DateFormat, CultureInfo.InvariantCulture),
        ColumnType.DateTime => DateTime.ParseExact(json.GetString()!, MappedRowFormat.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ColumnType.DateTimeOffset => DateTimeOffset.ParseExact(json.GetString()!, MappedRowFormat.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ColumnType.Guid => json.GetGuid(),
        _ => throw new FormatException($"unsupported type {type}"),
    };

    /// <summary>The next line; valid until the following call.</summary>
    private async ValueTask<ReadOnlySequence<byte>?> NextLineAsync(CancellationToken cancellationToken)
    {
        if (_hasPending)
        {
            _pipe.AdvanceTo(_pending.Start);
            _hasPending = false;
        }
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is null && !result.IsCompleted)
            {
                _pipe.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            if (lf is null && buffer.IsEmpty)
            {
                _pipe.AdvanceTo(buffer.End);
                return null;
            }
            var line = lf is { } p ? buffer.Slice(0, p) : buffer;
            _pending = lf is { } q ? buffer.Slice(buffer.GetPosition(1, q)) : buffer.Slice(buffer.End);
            _hasPending = true;
            _line++;
            return line;
        }
    }

    public ValueTask DisposeAsync() => _pipe.CompleteAsync();
}
