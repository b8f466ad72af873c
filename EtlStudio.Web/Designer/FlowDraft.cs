using EtlStudio.Web.Editing;
using System.Text.Json;
using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Designer;

/// <summary>Pipeline stages of the designer, in order.</summary>
public enum Stage { Source, Parse, Map, Load }

/// <summary>A flow as the designer edits it: kept as typed until saved, validated per stage.</summary>
public sealed class FlowDraft
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int? GroupId { get; set; }
    public bool Enabled { get; set; } = true;

    // Source
    public int? SourceConnectionId { get; set; }
    public string? SourcePath { get; set; }
    public string? SourceQuery { get; set; }
    public string? SourceTopic { get; set; }
    public string? HttpMethod { get; set; } = "GET";
    public string? HttpBody { get; set; }
    public string? HttpHeaders { get; set; }
    public string? HttpPagination { get; set; }

    // Parse
    public ParseDefinition Parse { get; set; } = new();

    // Map
    public List<ColumnDraft> Columns { get; set; } = [];

    // Load
    public int? DestinationConnectionId { get; set; }
    public string? DestinationTable { get; set; }
    public LoadMode LoadMode { get; set; } = LoadMode.Append;
    public string? KeyColumns { get; set; }
    public long? RejectThresholdCount { get; set; }
    public double? RejectThresholdPercent { get; set; }
    public bool StagingEnabled { get; set; } = true;

    public static FlowDraft From(Flow flow)
    {
        ParseDefinition parse;
        try
        {
            parse = (string.IsNullOrWhiteSpace(flow.ParseOptions) ? null : JsonSerializer.Deserialize<ParseDefinition>(flow.ParseOptions, JsonSerializerOptions.Web)) ?? new();
        }
        catch (JsonException)
        {
            parse = new();
        }
        return new FlowDraft
        {
            Id = flow.Id, Name = flow.Name, GroupId = flow.GroupId, Enabled = flow.Enabled,
            SourceConnectionId = flow.SourceConnectionId, SourcePath = flow.SourcePath, SourceQuery = flow.SourceQuery, SourceTopic = flow.SourceTopic,
            HttpMethod = flow.HttpMethod ?? "GET", HttpBody = flow.HttpBody, HttpHeaders = flow.HttpHeaders, HttpPagination = flow.HttpPagination,
            Parse = parse with { Format = flow.ParseFormat },
            Columns = [.. flow.Columns.OrderBy(c => c.Order).Select(ColumnDraft.From)],
            DestinationConnectionId = flow.DestinationConnectionId, DestinationTable = flow.DestinationTable, LoadMode = flow.LoadMode, KeyColumns = flow.KeyColumns,
            RejectThresholdCount = flow.RejectThresholdCount, RejectThresholdPercent = flow.RejectThresholdPercent, StagingEnabled = flow.StagingEnabled,
        };
    }

    /// <summary>Copies the (validated) draft onto the entity; the columns are replaced in their current order.</summary>
    public void ApplyTo(Flow flow)
    {
        flow.Name = Name.Trim();
        // A preview of an unsaved flow may have no group yet; saving requires one (source stage).
        flow.GroupId = GroupId ?? 0;
        flow.Enabled = Enabled;
        flow.SourceConnectionId = SourceConnectionId;
        flow.SourcePath = Blank(SourcePath);
        flow.SourceQuery = Blank(SourceQuery);
        flow.SourceTopic = Blank(SourceTopic);
        flow.HttpMethod = Blank(HttpMethod);
        flow.HttpBody = Blank(HttpBody);
        flow.HttpHeaders = Blank(HttpHeaders);
        flow.HttpPagination = Blank(HttpPagination);
        flow.ParseFormat = Parse.Format;
        flow.ParseOptions = JsonSerializer.Serialize(Parse, JsonSerializerOptions.Web);
        flow.DestinationConnectionId = DestinationConnectionId;
        flow.DestinationTable = Blank(DestinationTable);
        flow.LoadMode = LoadMode;
        flow.KeyColumns = LoadMode == LoadMode.Upsert ? Blank(KeyColumns) : null;
        flow.RejectThresholdCount = RejectThresholdCount;
        flow.RejectThresholdPercent = RejectThresholdPercent;
        flow.StagingEnabled = StagingEnabled;
        flow.Columns.Clear();
        flow.Columns.AddRange(Columns.Select((c, i) => c.ToEntity(i + 1)));
    }

    public IReadOnlyList<ColumnMap> ColumnMaps() => [.. Columns.Select(c => c.ToMap())];

    public IReadOnlyList<string> Keys() => (KeyColumns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Problems of one stage, keyed by field (columns as <c>Columns[i].Property</c>).</summary>
    public Dictionary<string, string> Validate(Stage stage, ConnectionKind? sourceKind, ConnectionKind? destinationKind)
    {
        var e = new Dictionary<string, string>();
        switch (stage)
        {
            case Stage.Source:
                if (string.IsNullOrWhiteSpace(Name)) e[nameof(Name)] = "Enter a name.";
                else if (Name.Trim().Length > FieldLengths.Name) e[nameof(Name)] = $"At most {FieldLengths.Name} characters.";
                if (GroupId is null) e[nameof(GroupId)] = "Pick the group the flow runs in.";
                if (SourceConnectionId is null) e[nameof(SourceConnectionId)] = "Pick the source connection.";
                else if (sourceKind is ConnectionKind.PostgreSql or ConnectionKind.SqlServer or ConnectionKind.Oracle or ConnectionKind.Sqlite && string.IsNullOrWhiteSpace(SourceQuery))
                    e[nameof(SourceQuery)] = "Enter the SELECT statement.";
                else if (sourceKind == ConnectionKind.Kafka && string.IsNullOrWhiteSpace(SourceTopic)) e[nameof(SourceTopic)] = "Enter the topic.";
                Json(e, nameof(HttpHeaders), HttpHeaders);
                Json(e, nameof(HttpPagination), HttpPagination);
                break;
            case Stage.Parse:
                if (Parse.Format == ParseFormat.Csv && string.IsNullOrEmpty(Parse.Delimiter)) e["Delimiter"] = "Enter the delimiter (\\t for tab).";
                if (Parse.SkipRows < 0) e["SkipRows"] = "Zero or more.";
                if (Parse.Format == ParseFormat.Xml && string.IsNullOrWhiteSpace(Parse.RecordElement)) e["RecordElement"] = "Enter the record element's name.";
                break;
            case Stage.Map:
                if (Columns.Count == 0) e[nameof(Columns)] = "Map at least one column (Auto-map fills them from the detected fields).";
                for (var i = 0; i < Columns.Count; i++)
                {
                    var c = Columns[i];
                    if (string.IsNullOrWhiteSpace(c.TargetColumn)) e[$"Columns[{i}].TargetColumn"] = "Enter the target column.";
                    else if (Columns.Take(i).Any(o => string.Equals(o.TargetColumn.Trim(), c.TargetColumn.Trim(), StringComparison.OrdinalIgnoreCase)))
                        e[$"Columns[{i}].TargetColumn"] = $"'{c.TargetColumn.Trim()}' is mapped twice.";
                    else if (!SqlIdentifier.IsPlain(c.TargetColumn.Trim())) e[$"Columns[{i}].TargetColumn"] = SqlIdentifier.ColumnProblem(c.TargetColumn.Trim());
                    if (c.Derived == DerivedValue.None && string.IsNullOrWhiteSpace(c.SourceField)) e[$"Columns[{i}].SourceField"] = "Pick a source field or a derived value.";
                    if (c.Type == ColumnType.Decimal && c.Precision is { } p && (p is < 1 or > 28 || c.Scale is < 0 || c.Scale > p))
                        e[$"Columns[{i}].Precision"] = "1 ≤ precision ≤ 28, 0 ≤ scale ≤ precision.";
                }
                break;
            case Stage.Load:
                if (DestinationConnectionId is null) e[nameof(DestinationConnectionId)] = "Pick the destination database.";
                else if (destinationKind is not (ConnectionKind.PostgreSql or ConnectionKind.SqlServer or ConnectionKind.Oracle or ConnectionKind.Sqlite))
                    e[nameof(DestinationConnectionId)] = "The destination must be a database connection.";
                if (string.IsNullOrWhiteSpace(DestinationTable)) e[nameof(DestinationTable)] = "Enter the table (schema.table or table).";
                else if (!SqlIdentifier.IsTable(DestinationTable.Trim())) e[nameof(DestinationTable)] = SqlIdentifier.TableProblem(DestinationTable.Trim());
                if (LoadMode == LoadMode.Upsert && Keys().Count == 0) e[nameof(KeyColumns)] = "Upsert needs key columns (comma-separated).";
                if (RejectThresholdPercent is < 0 or > 100) e[nameof(RejectThresholdPercent)] = "Between 0 and 100.";
                if (RejectThresholdCount is < 0) e[nameof(RejectThresholdCount)] = "Zero or more.";
                break;
        }
        return e;
    }

    private static void Json(Dictionary<string, string> errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            errors[field] = $"Not valid JSON: {ex.Message}";
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
