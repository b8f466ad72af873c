using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>A flow as the designer edits it: the <see cref="FlowForm"/> the REST API validates and saves too, plus the
/// settings the designer takes as text (headers and pagination as JSON, key columns comma-separated), kept as typed.</summary>
public sealed class FlowDraft
{
    private string? _httpHeaders;
    private string? _httpPagination;
    private string? _keyColumns;

    /// <summary>Everything but the texts below, in the shape the shared rules validate and save.</summary>
    public FlowForm Form { get; private init; } = new() { HttpMethod = "GET" };

    public int Id { get => Form.Id; set => Form.Id = value; }
    public string Name => Form.Name;

    /// <summary>The headers as typed: a JSON object of header names to values.</summary>
    public string? HttpHeaders
    {
        get => _httpHeaders;
        set
        {
            _httpHeaders = value;
            Form.HttpHeaders = Parse(value, nameof(HttpHeaders), FlowSettingsJson.ReadHeaders) ?? [];
        }
    }

    /// <summary>The pagination as typed: JSON of <see cref="HttpPagination"/>.</summary>
    public string? HttpPagination
    {
        get => _httpPagination;
        set
        {
            _httpPagination = value;
            Form.HttpPagination = Parse(value, nameof(HttpPagination), FlowSettingsJson.ReadPagination) ?? new();
        }
    }

    /// <summary>The key columns as typed, comma-separated.</summary>
    public string? KeyColumns
    {
        get => _keyColumns;
        set
        {
            _keyColumns = value;
            Form.KeyColumns = [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
    }

    /// <summary>Why a JSON text does not read, by field (the form holds the default meanwhile; the problem blocks saving).</summary>
    private Dictionary<string, string> JsonProblems { get; } = [];

    public static FlowDraft From(Flow flow)
    {
        var form = FlowForm.From(flow);
        form.HttpMethod ??= "GET";
        // The stored texts are shown as stored (a hand-edited one that does not read shows its problem).
        return new FlowDraft { Form = form, HttpHeaders = flow.HttpHeaders, HttpPagination = flow.HttpPagination, KeyColumns = string.Join(", ", form.KeyColumns) };
    }

    /// <summary>Copies the (validated) draft onto the entity; the columns are replaced in their current order.</summary>
    public void ApplyTo(Flow flow) => Form.ApplyTo(flow);

    public IReadOnlyList<ColumnMap> ColumnMaps() => [.. Form.Columns.Select(c => c.ToMap())];

    /// <summary>Problems of one stage, keyed by the form's property path (columns as <c>Columns[i].Property</c>).</summary>
    public Dictionary<string, string> Validate(Stage stage, ConnectionKind? sourceKind, ConnectionKind? destinationKind) =>
        Validate(sourceKind, destinationKind).Where(e => StageOf(e.Key) == stage).ToDictionary();

    /// <summary>Every problem: the shared <see cref="FlowForm.Validate"/> rules, and JSON that does not read.
    /// <paramref name="lookupKinds"/>: the kinds of the connections the lookups may name, by id.</summary>
    public Dictionary<string, string> Validate(ConnectionKind? sourceKind, ConnectionKind? destinationKind, IReadOnlyDictionary<int, ConnectionKind>? lookupKinds = null)
    {
        // The designer only offers existing groups, so a chosen group exists.
        var errors = Form.Validate(new FlowReferences(Form.GroupId is not null, sourceKind, destinationKind, lookupKinds));
        // Pagination is typed as one JSON text here: its parts' problems show under that text.
        foreach (var (field, problem) in errors.Where(e => e.Key.StartsWith($"{nameof(HttpPagination)}.", StringComparison.Ordinal)).ToList())
        {
            errors.Remove(field);
            errors.TryAdd(nameof(HttpPagination), $"{field[(nameof(HttpPagination).Length + 1)..]}: {problem}");
        }
        foreach (var (field, problem) in JsonProblems) errors[field] = problem;
        // Expressions compile as they are typed (the engine's check that saving runs too), so a syntax or type error
        // shows at its column before any save; only over columns and lookups that are themselves valid.
        if (!errors.Keys.Any(k => StageOf(k) == Stage.Map))
        {
            foreach (var (field, problem) in FlowExpressionCheck.Errors(Form, FlowExpressionCheck.Check(Form))) errors.TryAdd(field, problem);
        }
        return errors;
    }

    // A parse setting shown with the file pattern on the Source card.
    private const string ArchiveEntriesKey = $"{nameof(FlowForm.Parse)}.{nameof(ParseDefinition.ArchiveEntries)}";

    /// <summary>The stage whose card shows the field <paramref name="key"/> (a property path of <see cref="FlowForm"/>).</summary>
    public static Stage StageOf(string key) => key == ArchiveEntriesKey ? Stage.Source : key.Split('.', '[')[0] switch
    {
        nameof(FlowForm.Parse) => Stage.Parse,
        nameof(FlowForm.Columns) or nameof(FlowForm.CursorField) or nameof(FlowForm.Filter) or nameof(FlowForm.Lookups) => Stage.Map,
        nameof(FlowForm.DestinationConnectionId) or nameof(FlowForm.DestinationTable) or nameof(FlowForm.LoadMode) or nameof(FlowForm.KeyColumns)
            or nameof(FlowForm.RejectThresholdCount) or nameof(FlowForm.RejectThresholdPercent) or nameof(FlowForm.TimeoutSeconds)
            or nameof(FlowForm.LoadParallelism) or nameof(FlowForm.PartitionsInFlight) or nameof(FlowForm.UnmappedFields) or nameof(FlowForm.CreateIfMissing) => Stage.Load,
        _ => Stage.Source,
    };

    private T? Parse<T>(string? text, string field, Func<string, T?> read) where T : class
    {
        JsonProblems.Remove(field);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (FlowForm.TryRead(text, read, out var value, out var problem)) return value;
        JsonProblems[field] = $"Not valid JSON for this setting: {problem}";
        return null;
    }
}
