using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Mapping.Expressions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Preview;

/// <summary>Collects parsed values and mapped cells of the first rows, across the documents of one preview.</summary>
/// <remarks>When the whole mapping compiles, rows go through the run's own compiled mapper (computed columns and the
/// row filter included), mapping every cell past a failing one. Otherwise each source column is mapped by a mapper
/// of its own, and the computed columns show why they do not compile.</remarks>
internal sealed class PreviewCollector
{
    public const int SourceLineCount = 20;
    private readonly IReadOnlyList<ColumnMap> _columns;
    private readonly RowMapper?[] _mappers;
    private readonly RowMapper? _whole;
    private readonly string?[] _columnProblems;
    private readonly int _maxRows;
    private readonly List<string> _fields = [];
    private readonly List<PreviewRow> _rows = [];
    private readonly List<string> _mappingProblems = [];
    private readonly RunValues _run = new(Guid.NewGuid(), DateTimeOffset.UtcNow);
    private bool _moreRows;

    public PreviewCollector(IReadOnlyList<ColumnMap> columns, int maxRows, string? filter = null)
    {
        _columns = columns;
        _maxRows = maxRows;
        _mappers = new RowMapper?[columns.Count];
        _columnProblems = new string?[columns.Count];
        if (columns.Count > 0)
        {
            try
            {
                _whole = RowMapper.Compile(columns, "preview", filter);
                return;
            }
            catch (EtlDataException e)
            {
                _mappingProblems.Add(e.Message);
            }
        }
        var expressionProblems = new List<ExpressionProblem>();
        ExpressionCompiler.Compile(columns, filter, null, RowMapper.Converters(columns, null), expressionProblems);
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].IsComputed())
            {
                _columnProblems[c] = expressionProblems.FirstOrDefault(p => p.Column == columns[c].TargetColumn)?.Message
                    ?? "not computed: the mapping has problems";
                continue;
            }
            try
            {
                _mappers[c] = RowMapper.Compile([columns[c]], "preview");
            }
            catch (EtlDataException e)
            {
                _columnProblems[c] = e.Message;
            }
        }
    }

    public string? SourceOrigin { get; set; }
    public List<string> SourceLines { get; } = [];
    public string? Error { get; set; }
    public bool Full => _rows.Count >= _maxRows;

    /// <summary>Reads the records of one document (<paramref name="message"/>: the message it is the value of, if any).</summary>
    public async Task ReadAsync(IRecordReader reader, SourceMessage? message, CancellationToken cancellationToken)
    {
        var fieldHandles = new List<int>();
        var fieldIndexes = new List<int>();
        var whole = _whole?.Bind(reader, message);
        var bound = whole is null ? _mappers.Select(m => m?.Bind(reader, message)).ToArray() : [];
        var buffer = new object?[1];
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Full)
            {
                _moreRows = true;
                return;
            }
            // JSON and XML readers learn fields as records show them; bind each new one once.
            for (var f = fieldHandles.Count; f < reader.Fields.Count; f++)
            {
                var name = reader.Fields[f];
                var index = _fields.IndexOf(name);
                if (index < 0)
                {
                    index = _fields.Count;
                    _fields.Add(name);
                }
                fieldHandles.Add(reader.Bind(name));
                fieldIndexes.Add(index);
            }
            var values = new string?[_fields.Count];
            for (var f = 0; f < fieldHandles.Count; f++) values[fieldIndexes[f]] = reader.GetValue(fieldHandles[f]);
            var cells = new PreviewCell[_columns.Count];
            var recordError = reader.RecordError;
            var filtered = false;
            string? filterError = null;
            if (recordError is null && whole is not null)
            {
                (filtered, filterError) = MapWhole(whole, cells);
            }
            else if (recordError is null)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    if (bound[c] is not { } mapper)
                    {
                        cells[c] = new PreviewCell(null, null, _columnProblems[c]);
                        continue;
                    }
                    var reject = mapper.Map(buffer, _run);
                    cells[c] = reject is null ? new PreviewCell(buffer[0], null, null) : new PreviewCell(null, reject.Value, reject.Reason);
                }
            }
            _rows.Add(new PreviewRow(reader.Origin, reader.RecordNumber, values, recordError, cells) { IsFiltered = filtered, FilterError = filterError });
        }
    }

    private (bool Filtered, string? FilterError) MapWhole(BoundRowMapper whole, PreviewCell[] cells)
    {
        var row = new object?[cells.Length];
        var rejects = new RejectedRow?[cells.Length];
        var kept = whole.MapEvery(row, _run, rejects, out var filterReject);
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = rejects[c] is { } r ? new PreviewCell(null, r.Value, r.Reason) : new PreviewCell(row[c], null, null);
        }
        return (kept == false && filterReject is null, filterReject?.Reason);
    }

    public PreviewResult Result() => new(SourceOrigin, SourceLines, _fields, _rows, _mappingProblems, Error, _moreRows);
}
