using System.Globalization;
using CsvHelper;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Parsing;

/// <summary>CSV/delimited records through CsvHelper's UTF-8 reader; a bound field is a column index.</summary>
/// <remarks>Recoverable damage makes a <see cref="RecordError"/>: a field count that differs from the header (or the
/// first record without a header), a stray quote in an unquoted field (unless <see cref="ParseDefinition.LenientQuotes"/>),
/// text after a closing quote, invalid UTF-8 (a line break still ends the record, so the reader resyncs). A quoted field
/// that is never closed swallows the rest of the document, so it fails the document instead, naming the row where it
/// opened. So does a header with a repeated name (a mapping could not tell the columns apart) or invalid UTF-8.</remarks>
internal sealed class CsvRecordReader : IRecordReader
{
    private readonly CsvReader _csv;
    private readonly Queue<CsvMalformedRecord> _malformed;
    private readonly bool _hasHeader;
    private readonly string? _swappedSeparator;
    private readonly long _baseOffset;
    private readonly ParseDefinition _parse;
    private string[] _fields;
    private int _expectedFieldCount;

    private CsvRecordReader(CsvReader csv, Queue<CsvMalformedRecord> malformed, string origin, ParseDefinition parse, string? swappedSeparator, long baseOffset)
    {
        var hasHeader = parse.HasHeader;
        _parse = parse;
        _baseOffset = baseOffset;
        _swappedSeparator = swappedSeparator;
        _csv = csv;
        _malformed = malformed;
        Origin = origin;
        _hasHeader = hasHeader;
        _fields = hasHeader ? [.. csv.Headers] : [];
        _expectedFieldCount = hasHeader ? _fields.Length : -1;
    }

    public string Origin { get; }
    public long RecordNumber { get; private set; }
    public IReadOnlyList<string> Fields => _fields;
    public string? RecordError { get; private set; }
    public string? RecordErrorField { get; private set; }

    public string? RecordText(int maxChars)
    {
        var text = RawRecordText.Cut(_csv.RawRecord, maxChars);
        // A multi-character separator was swapped for one control character while reading; show the input's own.
        return _swappedSeparator is null ? text : text.Replace(CsvSeparatorStream.DefaultReplacement.ToString(), _swappedSeparator, StringComparison.Ordinal);
    }

    public static async ValueTask<IRecordReader> OpenAsync(SourceDocument document, ParseDefinition parse, CancellationToken cancellationToken)
    {
        var origin = document.Name;
        var (text, bomLength) = await DocumentText.OpenUtf8Async(document.Content, parse.Encoding, origin, cancellationToken);
        (text, var skipped) = await DocumentText.SkipLinesAsync(text, parse.SkipRows, cancellationToken);
        (text, var firstLine, var empty) = await DocumentText.PeekLineAsync(text, MaxHeaderBytes, cancellationToken);
        // CsvHelper counts offsets from the start of what it reads; offsets in the file also count the BOM and skipped lines.
        var baseOffset = bomLength + skipped;
        if (empty && parse.HasHeader)
        {
            // An empty file where a header was expected is almost always a failed export upstream, not "no data".
            throw new EtlDataException("file is empty: a header row was expected", origin);
        }
        if (parse.HasHeader && Utf8Check.FirstInvalid(firstLine.Span) is var bad and >= 0)
        {
            // CsvHelper would decode the header with U+FFFD in place of the bad bytes, and no mapping would match.
            throw new EtlDataException($"the header row is not valid UTF-8: invalid UTF-8 at byte {baseOffset + bad}", origin, 0);
        }

        var malformed = new Queue<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            HasHeader = parse.HasHeader,
            Quote = parse.Quote,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            FormatProvider = Culture(parse.Culture, origin),
            OnMalformedRecord = malformed.Enqueue,
            PoolStrings = true,
        };
        var delimiter = Delimiter(parse.Delimiter, origin);
        string? swapped = null;
        if (delimiter.Length == 1 && char.IsAscii(delimiter[0]))
        {
            options = options with { Separator = delimiter[0] };
        }
        else
        {
            // Multi-character and non-ASCII separators: CsvHelper swaps them for one control byte while streaming.
            text = new CsvSeparatorStream(text, delimiter, CsvSeparatorStream.DefaultReplacement, leaveOpen: false);
            swapped = delimiter;
        }

        var csv = CsvReader.Create(text, options, leaveOpen: false);
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            if (parse.HasHeader) CheckDistinct(csv.Headers, origin);
            return new CsvRecordReader(csv, malformed, origin, parse, swapped, baseOffset);
        }
        catch (CsvFormatException e)
        {
            await csv.DisposeAsync();
            throw new EtlDataException($"malformed CSV header: {e.Message}", origin, 0, inner: e);
        }
        catch
        {
            await csv.DisposeAsync();
            throw;
        }
    }

    /// <summary>The longest header line checked for invalid UTF-8 before CsvHelper reads it.</summary>
    private const int MaxHeaderBytes = 1024 * 1024;

    /// <summary>A repeated header name is ambiguous for a mapping (CsvHelper would silently pick the first), so it is an
    /// error. Blank names are left alone: they cannot be mapped, and exports often pad a header with empty columns.</summary>
    private static void CheckDistinct(IReadOnlyList<string> headers, string origin)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in headers)
        {
            if (string.IsNullOrWhiteSpace(name) || seen.Add(name)) continue;
            throw new EtlDataException($"the header names field '{name}' more than once: fields are {string.Join(", ", headers.Select(h => $"'{h}'"))}", origin, 0);
        }
    }

    private static CultureInfo Culture(string name, string origin)
    {
        try
        {
            return string.IsNullOrWhiteSpace(name) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException e)
        {
            throw new EtlDataException($"unknown culture '{name}'", origin, inner: e);
        }
    }

    private static string Delimiter(string configured, string origin)
    {
        var d = configured is @"\t" or "tab" ? "\t" : configured;
        if (string.IsNullOrEmpty(d)) throw new EtlDataException("the CSV delimiter is empty", origin);
        return d;
    }

    public int Bind(string fieldPath)
    {
        if (_hasHeader) return _csv.TryGetFieldIndex(fieldPath, out var index) ? index : -1;
        return fieldPath.StartsWith("Column", StringComparison.OrdinalIgnoreCase)
               && int.TryParse(fieldPath.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n - 1
            : -1;
    }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        bool more;
        try
        {
            more = await _csv.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException e)
        {
            throw new EtlDataException($"malformed CSV: {e.Message}", Origin, RecordNumber + 1, inner: e);
        }
        if (!more) return false;

        RecordNumber = _csv.RowNumber;
        RecordError = null;
        RecordErrorField = null;
        if (_expectedFieldCount < 0)
        {
            _expectedFieldCount = _csv.FieldCount;
            _fields = [.. Enumerable.Range(1, _expectedFieldCount).Select(i => "Column" + i.ToString(CultureInfo.InvariantCulture))];
        }
        CheckQuoting();
        if (RecordError is null) CheckUtf8();
        if (RecordError is null && _csv.FieldCount != _expectedFieldCount)
        {
            RecordError = $"wrong field count: expected {_expectedFieldCount} fields but found {_csv.FieldCount}";
        }
        return true;
    }

    private void CheckQuoting()
    {
        // The reader reports malformed records while scanning ahead, numbered with the header counted.
        var number = RecordNumber + (_hasHeader ? 1 : 0);
        while (_malformed.TryPeek(out var m) && m.RecordNumber <= number)
        {
            _malformed.Dequeue();
            if (m.RecordNumber != number) continue;
            RecordErrorField = (m.Reason == CsvMalformedReason.StrayQuote && !_parse.LenientQuotes) || m.Reason == CsvMalformedReason.TextAfterClosingQuote ? FieldAt(m.ByteOffset) : null;
            RecordError = m.Reason switch
            {
                CsvMalformedReason.UnterminatedQuote => throw new EtlDataException(
                    "unbalanced quotes: a quoted field opened in this row is never closed, so the rest of the file cannot be read",
                    Origin, RecordNumber),
                CsvMalformedReason.StrayQuote when _parse.LenientQuotes => null,
                CsvMalformedReason.StrayQuote => "unbalanced quotes: a quote inside an unquoted field",
                CsvMalformedReason.TextAfterClosingQuote => "unbalanced quotes: text after the closing quote of a quoted field",
                CsvMalformedReason.FieldCountMismatch => null,
                _ => $"malformed record: {m.Reason}",
            };
        }
    }

    /// <summary>Bad bytes make the record a reject naming the byte: decoded, they would load as U+FFFD without a word.</summary>
    private void CheckUtf8()
    {
        var raw = _csv.RawRecord;
        var bad = Utf8Check.FirstInvalid(raw);
        if (bad < 0) return;
        RecordErrorField = FieldAt(_csv.ByteOffset + bad);
        // With a swapped multi-character separator CsvHelper counts the bytes of the swapped input, not the file's.
        RecordError = _swappedSeparator is null
            ? $"invalid UTF-8 at byte {_baseOffset + _csv.ByteOffset + bad}"
            : $"invalid UTF-8 at byte {bad + 1} of the record";
    }

    /// <summary>"field N" for the field of the current record that holds input byte <paramref name="byteOffset"/>.</summary>
    private string? FieldAt(long byteOffset)
    {
        var offset = byteOffset - _csv.ByteOffset;
        var start = 0L;
        for (var i = 0; i < _csv.FieldCount; i++)
        {
            // Fields are separated by one byte: a multi-character separator was swapped for one while reading.
            start += _csv.GetRawSpan(i).Length + 1;
            if (offset < start) return offset < 0 ? null : "field " + (i + 1).ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }

    public string? GetValue(int handle) =>
        (uint)handle < (uint)_csv.FieldCount ? _csv.GetString(handle) : null;

    public bool HasField(int handle) => (uint)handle < (uint)_csv.FieldCount;

    public bool IsQuotedEmpty(int handle)
    {
        if (!_parse.EmptyQuotedAsEmptyString || (uint)handle >= (uint)_csv.FieldCount) return false;
        var raw = _csv.GetRawSpan(handle);
        var quote = (byte)_parse.Quote;
        return raw.Length >= 2 && raw[0] == quote && raw[^1] == quote && raw[1..^1].IndexOfAnyExcept(" \t"u8) < 0;
    }

    public bool TryGetUtf8(int handle, out ReadOnlySpan<byte> value)
    {
        if ((uint)handle < (uint)_csv.FieldCount)
        {
            value = _csv.GetSpan(handle);
            return true;
        }
        value = default;
        return false;
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
