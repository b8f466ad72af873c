using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Expressions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Mapping;

/// <summary>Over one run, finds the mapped source fields the input does not have: a CSV header without the field fails
/// when the document is opened; a field that no JSON or XML record of the run has fails at the end, before the last
/// batch is loaded. An <see cref="ColumnMap.Optional"/> column warns once instead, and is left empty.</summary>
/// <remarks>A misspelt field name would otherwise load a column of nulls without a word. Derived columns have no source
/// field. A run that reads no sound record says nothing: there is no input to judge the mapping by.</remarks>
internal sealed class MappedFieldCheck
{
    private const int MaxNamedOrigins = 3;
    private readonly IReadOnlyList<ColumnMap> _maps;
    private readonly IRunLog? _log;
    private readonly bool[] _seen;
    private readonly bool[] _warned;
    private readonly List<string> _origins = [];
    private int _moreOrigins;
    private bool _anyRecord;

    public MappedFieldCheck(IReadOnlyList<ColumnMap> maps, IRunLog? log)
    {
        _maps = maps;
        _log = log;
        _seen = [.. maps.Select(HasNoSourceField)];
        _warned = new bool[maps.Count];
        Unseen = _seen.Count(s => !s);
    }

    /// <summary>Mapped fields no record has had yet; while it is 0 the hot loop asks nothing.</summary>
    public int Unseen { get; private set; }

    /// <summary>A document was opened and its fields bound: a negative handle means the reader knows the field is
    /// not there (a CSV header without it).</summary>
    public void Bound(IRecordReader reader, int[] handles)
    {
        if (_origins.Count < MaxNamedOrigins) _origins.Add(reader.Origin);
        else _moreOrigins++;
        for (var c = 0; c < _maps.Count; c++)
        {
            if (HasNoSourceField(_maps[c]) || handles[c] >= 0) continue;
            var map = _maps[c];
            var fields = reader.Fields.Count == 0
                ? "none by name: without a header they are Column1, Column2, …"
                : string.Join(", ", reader.Fields.Select(f => $"'{f}'"));
            if (!map.Optional)
            {
                var message = $"mapped source field '{map.SourceField}' (column '{map.TargetColumn}') is not in the header: its fields are {fields}";
                _log?.Warn($"{reader.Origin}: {message}");
                throw new EtlDataException(message, reader.Origin, 0);
            }
            Warn(c, $"{reader.Origin}: optional source field '{map.SourceField}' (column '{map.TargetColumn}') is not in the header ({fields}), so the column is left empty");
        }
    }

    /// <summary>Notes which mapped fields the reader's current (sound) record has.</summary>
    public void Observe(IRecordReader reader, int[] handles)
    {
        _anyRecord = true;
        for (var c = 0; c < _seen.Length; c++)
        {
            if (_seen[c] || handles[c] < 0 || !reader.HasField(handles[c])) continue;
            _seen[c] = true;
            Unseen--;
        }
    }

    /// <summary>After the last record: fails for required fields no record had, warns for optional ones.</summary>
    public void CheckAtEnd()
    {
        if (!_anyRecord || Unseen == 0) return;
        var where = string.Join(", ", _origins) + (_moreOrigins > 0 ? $" and {_moreOrigins} more" : "");
        var missing = new List<string>();
        for (var c = 0; c < _maps.Count; c++)
        {
            if (_seen[c]) continue;
            var map = _maps[c];
            if (map.Optional) Warn(c, $"optional source field '{map.SourceField}' (column '{map.TargetColumn}') is in no record of {where}, so the column is left empty");
            else missing.Add($"'{map.SourceField}' (column '{map.TargetColumn}')");
        }
        if (missing.Count > 0)
        {
            var (fields, are) = missing.Count > 1 ? ("fields", "are") : ("field", "is");
            var message = $"mapped source {fields} {string.Join(", ", missing)} {are} in no record of {where}: check the field names, or make the columns optional";
            _log?.Warn(message);
            throw new EtlDataException(message);
        }
    }

    // Derived and computed columns read no source field of their own (an expression's fields are bound by RowMapper).
    private static bool HasNoSourceField(ColumnMap map) => map.Derived != DerivedValue.None || map.IsComputed();

    private void Warn(int column, string message)
    {
        if (_warned[column]) return;
        _warned[column] = true;
        _log?.Warn(message);
    }
}
