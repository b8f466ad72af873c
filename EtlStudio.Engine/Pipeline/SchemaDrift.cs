using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Expressions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Pipeline;

/// <summary>One run's schema drift: source fields that no column maps, judged as each document's fields become known,
/// under the flow's <see cref="FlowDefinition.UnmappedFields"/>, and the DDL the run executes. Every event goes to the
/// run log (a warning) and is kept for the result (<see cref="FlowRunResult.SchemaEvents"/>).</summary>
/// <remarks>
/// <para>When fields are known: a CSV header and a query's columns when the document or query is opened, before any of
/// its rows is loaded; JSON keys (flattened with dots) and XML paths only as records are read, so those are judged at
/// the end of each document. A JSON/XML name that is the parent of another listed name (an object) is not a field of
/// its own: its leaves are. A field that an expression (a computed column or the filter) names counts as mapped.</para>
/// <para>Ignore: each unmapped field is logged once. Fail: the run fails naming the fields and the document: for CSV and
/// queries before anything of that document is loaded (for the first document, before anything at all); for JSON/XML
/// at the end of the document, so an Append may have committed earlier batches (a TruncateReplace rolls back).
/// AddColumns: the fields of the first document (its first record, for JSON/XML) become columns before loading starts
/// (<see cref="PrepareAsync"/>); a field that first appears later is logged and not loaded, because the run's columns
/// are fixed once loading starts. The next run whose first document has it adds it.</para>
/// <para>Single producer: <see cref="Judge"/> runs on the producer's thread only; the event lists are locked because the
/// load lanes and the caller read them.</para>
/// </remarks>
internal sealed partial class SchemaDrift(FlowDefinition flow, IRunLog? log) : IRunLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];
    private readonly List<string> _statements = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private HashSet<string> _mapped = Mapped(flow.Columns);
    private readonly HashSet<string> _readByExpressions = [.. FlowExpressions.SourceFieldsRead(flow.Columns, flow.Filter).Select(f => f.Replace('/', '.'))];

    /// <summary>Drift and DDL events, in order.</summary>
    public IReadOnlyList<string> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    /// <summary>The DDL statements the run executed (a dry run: ran and rolled back).</summary>
    public IReadOnlyList<string> Statements
    {
        get { lock (_gate) return [.. _statements]; }
    }

    /// <summary>Records a schema event (also the mapped-field check's: a mapped field the input lacks) and passes it on
    /// to the run log.</summary>
    public void Warn(string message)
    {
        lock (_gate) _events.Add(message);
        log?.Warn(message);
    }

    /// <summary>Passes a fact on to the run log (not a schema event).</summary>
    public void Info(string message) => log?.Info(message);

    /// <summary>Records a DDL statement the run executes and its event; the run log gets it as information, not a
    /// warning: the flow asked for it (create if missing, add columns).</summary>
    private void Executed(string statement, string message)
    {
        lock (_gate)
        {
            _statements.Add(statement);
            _events.Add(message);
        }
        log?.Info(message);
    }

    /// <summary>Judges the fields <paramref name="reader"/> knows now: at bind (CSV header, query columns) and again after
    /// its last record (JSON/XML, whose fields grow as records are read). Each field is judged once per run.</summary>
    public void Judge(IRecordReader reader)
    {
        var fields = reader.Fields;
        if (fields.Count == 0) return;
        var fresh = new List<string>();
        foreach (var field in fields)
        {
            if (_reported.Contains(field) || IsMapped(field) || IsParent(field, fields)) continue;
            _reported.Add(field);
            fresh.Add(field);
        }
        if (fresh.Count == 0) return;
        var names = string.Join(", ", fresh.Select(f => $"'{f}'"));
        var (these, are) = fresh.Count > 1 ? ("source fields", "are") : ("source field", "is");
        switch (flow.UnmappedFields)
        {
            case UnmappedFieldPolicy.Fail:
                var message = $"schema drift: {these} {names} of {reader.Origin} {are} not mapped, and the flow fails on unmapped fields: map them, or let the flow ignore or add them";
                Warn(message);
                throw new EtlDataException(message, reader.Origin, 0);
            case UnmappedFieldPolicy.AddColumns:
                Warn($"schema drift: {these} {names} of {reader.Origin} {are} not mapped and not loaded by this run: {are} not in its first document, and a run's columns are fixed once loading starts (the next run whose first document has them adds them)");
                break;
            default:
                Warn($"schema drift: {these} {names} of {reader.Origin} {are} not mapped, so not loaded (the flow ignores unmapped fields)");
                break;
        }
    }

    private bool IsMapped(string field)
    {
        var name = field.Replace('/', '.');
        if (_mapped.Contains(name)) return true;
        // Mapping a JSON object or XML element takes its children with it.
        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
        {
            if (_mapped.Contains(name[..dot])) return true;
        }
        return _readByExpressions.Contains(name);
    }

    /// <summary>An object's name in JSON/XML listings, whose leaves are listed after it.</summary>
    private static bool IsParent(string field, IReadOnlyList<string> fields) =>
        fields.Any(f => f.Length > field.Length + 1 && f[field.Length] == '.' && f.StartsWith(field, StringComparison.Ordinal));

    private static HashSet<string> Mapped(IEnumerable<ColumnMap> columns) =>
        columns.Where(c => c.Derived == DerivedValue.None && string.IsNullOrWhiteSpace(c.Expression) && !string.IsNullOrWhiteSpace(c.SourceField))
            .Select(c => c.SourceField!.Replace('/', '.'))
            .ToHashSet(StringComparer.Ordinal);
}
