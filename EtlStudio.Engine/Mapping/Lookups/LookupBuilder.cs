using System.Globalization;
using System.Runtime.InteropServices;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Mapping.Lookups;

/// <summary>Collects one lookup's entries from its readers (one per file, or the query), checking as it goes that the
/// fields exist, that no record is damaged, that no key repeats and that the entries stay within the limit.</summary>
internal sealed class LookupBuilder
{
    private const int MaxNamedOrigins = 3;
    private const int FirstCapacity = 256;

    private readonly LookupDefinition _lookup;
    /// <summary>The key field, then the fields the expressions read.</summary>
    private readonly string[] _fields;
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly string?[][] _values;
    /// <summary>Record number of each entry within its origin, so a duplicate key can name the first record too.</summary>
    private long[] _records = new long[FirstCapacity];
    private readonly List<string> _origins = [];
    private readonly List<int> _originStarts = [];
    private readonly bool[] _seen;
    private int _unseen;
    private bool _anyRecord;
    private long _noKey;
    private string? _firstNoKey;

    public LookupBuilder(LookupDefinition lookup, IReadOnlyList<string> fields)
    {
        _lookup = lookup;
        _fields = [lookup.KeyField, .. fields];
        _values = [.. fields.Select(_ => new string?[FirstCapacity])];
        _seen = new bool[_fields.Length];
        _unseen = _fields.Length;
    }

    /// <summary>Entries so far.</summary>
    public int Count { get; private set; }

    /// <summary>Documents (or queries) read so far.</summary>
    public int Origins => _origins.Count;

    private string Name => _lookup.Name;

    /// <summary>Binds the key and the used fields in a newly opened reader. Fails when the reader knows a field is not
    /// there (a CSV header or a query's columns without it); JSON and XML fields are judged at the end, by whether any
    /// record had them.</summary>
    public int[] Bind(IRecordReader reader)
    {
        _origins.Add(reader.Origin);
        _originStarts.Add(Count);
        var handles = new int[_fields.Length];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = reader.Bind(_fields[i]);
            if (handles[i] >= 0) continue;
            var fields = reader.Fields.Count == 0 ? "none by name" : string.Join(", ", reader.Fields.Select(f => $"'{f}'"));
            throw new EtlDataException($"lookup '{Name}': {reader.Origin}: {FieldRole(i)} '{_fields[i]}' is not in the source; its fields are {fields}");
        }
        return handles;
    }

    /// <summary>Adds the reader's current record.</summary>
    public void Add(IRecordReader reader, int[] handles)
    {
        if (reader.RecordError is { } error)
        {
            throw new EtlDataException($"lookup '{Name}': {EtlDataException.Describe(error, reader.Origin, reader.RecordNumber, reader.RecordErrorField)}");
        }
        _anyRecord = true;
        if (_unseen > 0) Observe(reader, handles);
        var key = reader.GetValue(handles[0]);
        if (string.IsNullOrEmpty(key))
        {
            if (_noKey++ == 0) _firstNoKey = Where(reader.Origin, reader.RecordNumber);
            return;
        }
        ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, key, out var exists);
        if (exists)
        {
            throw new EtlDataException(
                $"lookup '{Name}': key '{EtlDataException.Shorten(key)}' is in {FirstWhere(row)} and again in {Where(reader.Origin, reader.RecordNumber)}: a lookup needs one entry per key");
        }
        if (Count == _lookup.MaxEntries)
        {
            throw new EtlDataException(string.Create(CultureInfo.InvariantCulture,
                $"lookup '{Name}' has more than {_lookup.MaxEntries:N0} entries (its limit, set per lookup): {Where(reader.Origin, reader.RecordNumber)} would be entry {Count + 1L:N0}"));
        }
        row = Count;
        if (Count == _records.Length) Grow();
        _records[Count] = reader.RecordNumber;
        for (var f = 0; f < _values.Length; f++)
        {
            var handle = handles[f + 1];
            var value = reader.GetValue(handle);
            // Empty is null, as for a mapped field, unless the parse keeps a quoted "" as a value.
            _values[f][Count] = value is { Length: 0 } && !reader.IsQuotedEmpty(handle) ? null : value;
        }
        Count++;
    }

    /// <summary>Ends the load: fails for a field no record had, warns about records without a key and about an empty
    /// lookup.</summary>
    public LookupTable Build(string source, IRunLog? log)
    {
        if (!_anyRecord)
        {
            log?.Warn($"lookup '{Name}': {source} holds no records, so every lookup in it finds nothing");
        }
        else if (_unseen > 0)
        {
            var missing = Enumerable.Range(0, _fields.Length).Where(i => !_seen[i]).Select(i => $"{FieldRole(i)} '{_fields[i]}'");
            throw new EtlDataException($"lookup '{Name}': {string.Join(", ", missing)} in no record of {OriginList()}: check the field names");
        }
        if (_noKey > 0)
        {
            log?.Warn(string.Create(CultureInfo.InvariantCulture,
                $"lookup '{Name}': {_noKey:N0} {(_noKey == 1 ? "record" : "records")} with an empty key field '{_lookup.KeyField}' {(_noKey == 1 ? "was" : "were")} left out (the first: {_firstNoKey})"));
        }
        var columns = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (var f = 0; f < _values.Length; f++) columns[_fields[f + 1]] = _values[f];
        return new LookupTable(Name, source, _rows, columns);
    }

    private void Observe(IRecordReader reader, int[] handles)
    {
        for (var i = 0; i < _seen.Length; i++)
        {
            if (_seen[i] || !reader.HasField(handles[i])) continue;
            _seen[i] = true;
            _unseen--;
        }
    }

    private void Grow()
    {
        var capacity = (int)Math.Min(Array.MaxLength, Math.Min(2L * _records.Length, _lookup.MaxEntries));
        Array.Resize(ref _records, capacity);
        for (var f = 0; f < _values.Length; f++) Array.Resize(ref _values[f], capacity);
    }

    private string FieldRole(int index) => index == 0 ? "key field" : "field";

    /// <summary>Where entry <paramref name="row"/> was read: the last origin that started at or before it (an origin
    /// without entries starts where the next one does).</summary>
    private string FirstWhere(int row)
    {
        var origin = _originStarts.Count - 1;
        while (_originStarts[origin] > row) origin--;
        return Where(_origins[origin], _records[row]);
    }

    private static string Where(string origin, long record) => string.Create(CultureInfo.InvariantCulture, $"{origin}, record {record}");

    private string OriginList()
    {
        var named = string.Join(", ", _origins.Take(MaxNamedOrigins));
        return _origins.Count > MaxNamedOrigins ? $"{named} and {_origins.Count - MaxNamedOrigins} more" : named;
    }
}
