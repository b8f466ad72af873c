using System.Text.Json;
using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>A flow as the user edits it (portal designer or REST API), with its ordered column mappings, and its
/// validation. The portal and <c>/api/flows</c> share it, so both refuse the same input with the same words.</summary>
/// <remarks>Structured settings (parse options, HTTP headers and pagination) are typed here and stored as JSON through
/// <see cref="FlowSettingsJson"/>, the form the runtime reads.</remarks>
public sealed class FlowForm
{
    /// <summary>Column mappings a flow may have: enough for the widest real table, and a bound on what one request or
    /// one stored flow costs (a flow with 50,000 mappings was accepted before, issue #12).</summary>
    public const int MaxColumns = 1000;

    /// <summary>Lookups a flow may have: each is a table held in memory for the whole run.</summary>
    public const int MaxLookups = 20;

    public int Id { get; set; }
    public int? GroupId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Position in the group; null on a new flow: after the group's last flow (the first flow gets 1).</summary>
    public int? Order { get; set; }
    public bool Enabled { get; set; } = true;

    public int? SourceConnectionId { get; set; }
    public string? SourcePath { get; set; }
    public string? HttpMethod { get; set; }
    public string? HttpBody { get; set; }
    public Dictionary<string, string> HttpHeaders { get; set; } = [];
    public HttpPagination HttpPagination { get; set; } = new();
    public string? SourceQuery { get; set; }
    public string? SourceTopic { get; set; }
    public string? CursorField { get; set; }
    /// <summary>SFTP sources: what happens to the files a successful run read (<see cref="FileSourceDefinition.AfterLoad"/>).</summary>
    public AfterLoadAction AfterLoad { get; set; } = AfterLoadAction.Keep;
    /// <summary>The folder <see cref="AfterLoadAction.Move"/> moves them to, on the same server.</summary>
    public string? AfterLoadFolder { get; set; }

    /// <summary>Format and options; <see cref="ParseDefinition.Format"/> is stored as <see cref="Flow.ParseFormat"/>.</summary>
    public ParseDefinition Parse { get; set; } = new();

    /// <summary>Row filter (<see cref="FlowDefinition.Filter"/>): only rows for which it is true are loaded.</summary>
    public string? Filter { get; set; }
    /// <summary>Lookup tables the expressions read through <c>lookup(name, key, field)</c>.</summary>
    public List<LookupForm> Lookups { get; set; } = [];
    /// <summary>Source fields that no column maps (<see cref="FlowDefinition.UnmappedFields"/>).</summary>
    public UnmappedFieldPolicy UnmappedFields { get; set; } = UnmappedFieldPolicy.Ignore;

    public int? DestinationConnectionId { get; set; }
    public string? DestinationTable { get; set; }
    public LoadMode LoadMode { get; set; } = LoadMode.Append;
    public List<string> KeyColumns { get; set; } = [];
    public long? RejectThresholdCount { get; set; }
    public double? RejectThresholdPercent { get; set; }
    public bool StagingEnabled { get; set; } = true;
    /// <summary>TruncateReplace: a run that loads no rows may empty the table (<see cref="FlowDefinition.AllowEmptyReplace"/>).</summary>
    public bool AllowEmptyReplace { get; set; }
    /// <summary>Create the table from the mapping when it does not exist (<see cref="DestinationDefinition.CreateIfMissing"/>).</summary>
    public bool CreateIfMissing { get; set; }
    public int? TimeoutSeconds { get; set; }
    /// <summary>Load lanes of an Append (<see cref="FlowDefinition.LoadParallelism"/>).</summary>
    public int LoadParallelism { get; set; } = FlowDefinition.DefaultLoadParallelism;
    /// <summary>File sources: at most this many partitions of a run load at once, on any instance (0 or 1: off).</summary>
    public int PartitionsInFlight { get; set; }
    /// <summary>Query sources: the result column whose ranges split a run into partitions (<see cref="PartitionRules"/>).</summary>
    public string? PartitionColumn { get; set; }
    /// <summary>Query partitions: lower bound of the even split; empty with the upper one: MIN of the column.</summary>
    public string? PartitionLowerBound { get; set; }
    /// <summary>Query partitions: upper bound of the even split; empty with the lower one: MAX of the column.</summary>
    public string? PartitionUpperBound { get; set; }
    /// <summary>Query partitions: how many ranges a run is cut into.</summary>
    public int PartitionCount { get; set; }
    public List<ColumnMappingForm> Columns { get; set; } = [];

    /// <summary>The form of a stored flow (its <see cref="Flow.Columns"/> loaded).</summary>
    public static FlowForm From(Flow flow) => new()
    {
        Id = flow.Id,
        GroupId = flow.GroupId,
        Name = flow.Name,
        Order = flow.Order,
        Enabled = flow.Enabled,
        SourceConnectionId = flow.SourceConnectionId,
        SourcePath = flow.SourcePath,
        HttpMethod = flow.HttpMethod,
        HttpBody = flow.HttpBody,
        HttpHeaders = Read(flow.HttpHeaders, FlowSettingsJson.ReadHeaders) ?? [],
        HttpPagination = Read(flow.HttpPagination, FlowSettingsJson.ReadPagination) ?? new(),
        SourceQuery = flow.SourceQuery,
        SourceTopic = flow.SourceTopic,
        CursorField = flow.CursorField,
        AfterLoad = flow.AfterLoad,
        AfterLoadFolder = flow.AfterLoadFolder,
        Parse = Read(flow.ParseOptions, json => FlowSettingsJson.ReadParse(json, flow.ParseFormat)) ?? new() { Format = flow.ParseFormat },
        Filter = flow.Filter,
        Lookups = [.. (Read(flow.Lookups, FlowSettingsJson.ReadLookups) ?? []).Select(LookupForm.From)],
        UnmappedFields = flow.UnmappedFields,
        DestinationConnectionId = flow.DestinationConnectionId,
        DestinationTable = flow.DestinationTable,
        LoadMode = flow.LoadMode,
        KeyColumns = SplitKeys(flow.KeyColumns),
        RejectThresholdCount = flow.RejectThresholdCount,
        RejectThresholdPercent = flow.RejectThresholdPercent,
        StagingEnabled = flow.StagingEnabled,
        AllowEmptyReplace = flow.AllowEmptyReplace,
        CreateIfMissing = flow.CreateIfMissing,
        TimeoutSeconds = flow.TimeoutSeconds,
        LoadParallelism = flow.LoadParallelism,
        PartitionsInFlight = flow.PartitionsInFlight,
        PartitionColumn = flow.PartitionColumn,
        PartitionLowerBound = flow.PartitionLowerBound,
        PartitionUpperBound = flow.PartitionUpperBound,
        PartitionCount = flow.PartitionCount,
        Columns = flow.Columns.OrderBy(c => c.Order).Select(ColumnMappingForm.From).ToList(),
    };

    /// <summary>Copies the (validated) form onto the entity in its stored forms, replacing its column mappings.
    /// The cursor value is left alone: editing a flow does not force a full load.</summary>
    public void ApplyTo(Flow flow)
    {
        flow.GroupId = GroupId ?? flow.GroupId;
        flow.Name = Name.Trim();
        flow.Order = Order ?? flow.Order;
        flow.Enabled = Enabled;
        flow.SourceConnectionId = SourceConnectionId;
        flow.SourcePath = NullIfEmpty(SourcePath);
        flow.HttpMethod = string.IsNullOrWhiteSpace(HttpMethod) ? null : HttpMethod.Trim().ToUpperInvariant();
        flow.HttpBody = string.IsNullOrEmpty(HttpBody) ? null : HttpBody;
        flow.HttpHeaders = FlowSettingsJson.WriteHeaders(HttpHeaders);
        flow.HttpPagination = FlowSettingsJson.WritePagination(HttpPagination);
        flow.SourceQuery = NullIfEmpty(SourceQuery);
        flow.SourceTopic = NullIfEmpty(SourceTopic);
        flow.CursorField = NullIfEmpty(CursorField);
        flow.AfterLoad = AfterLoad;
        flow.AfterLoadFolder = AfterLoad == AfterLoadAction.Move ? NullIfEmpty(AfterLoadFolder) : null;
        flow.ParseFormat = Parse.Format;
        flow.ParseOptions = FlowSettingsJson.WriteParse(Parse);
        flow.Filter = NullIfEmpty(Filter);
        flow.Lookups = FlowSettingsJson.WriteLookups([.. Lookups.Select(l => l.ToStored())]);
        flow.UnmappedFields = UnmappedFields;
        flow.DestinationConnectionId = DestinationConnectionId;
        flow.DestinationTable = NullIfEmpty(DestinationTable);
        flow.LoadMode = LoadMode;
        flow.KeyColumns = LoadMode != LoadMode.Upsert || KeyColumns.Count == 0 ? null : string.Join(",", KeyColumns.Select(k => k.Trim()));
        flow.RejectThresholdCount = RejectThresholdCount;
        flow.RejectThresholdPercent = RejectThresholdPercent;
        flow.StagingEnabled = StagingEnabled;
        flow.AllowEmptyReplace = LoadMode == LoadMode.TruncateReplace && AllowEmptyReplace;
        flow.CreateIfMissing = CreateIfMissing;
        flow.TimeoutSeconds = TimeoutSeconds;
        flow.LoadParallelism = LoadParallelism;
        flow.PartitionsInFlight = PartitionsInFlight;
        flow.PartitionColumn = Blank(PartitionColumn);
        flow.PartitionLowerBound = Blank(PartitionLowerBound);
        flow.PartitionUpperBound = Blank(PartitionUpperBound);
        flow.PartitionCount = PartitionCount;
        flow.Columns.Clear();
        flow.Columns.AddRange(Columns.Select((c, i) => c.ToEntity(i)));
    }

    /// <summary>Every problem, keyed by property path (<c>Name</c>, <c>Parse.Delimiter</c>, <c>Columns[2].TargetColumn</c>),
    /// worded for the field it is shown under. <paramref name="references"/> says what the ids in the form point at.</summary>
    public Dictionary<string, string> Validate(FlowReferences references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var errors = new Dictionary<string, string>();
        if (GroupId is null) errors[nameof(GroupId)] = "Choose a group.";
        else if (!references.GroupExists) errors[nameof(GroupId)] = $"No group with id {GroupId}.";
        if (string.IsNullOrWhiteSpace(Name)) errors[nameof(Name)] = "Enter a name.";
        else if (Name.Trim().Length > FieldLengths.Name) errors[nameof(Name)] = TooLong(FieldLengths.Name);
        if (Order < 0) errors[nameof(Order)] = "0 or more.";

        FlowSourceRules.Validate(this, references.SourceKind, errors);
        ValidateDestination(references.DestinationKind, errors);
        ValidateColumns(references.SourceKind, errors);
        ValidateMapExtras(references, errors);

        if (RejectThresholdCount < 0) errors[nameof(RejectThresholdCount)] = "0 or more, or leave empty for no limit.";
        if (RejectThresholdPercent is < 0 or > 100 || double.IsNaN(RejectThresholdPercent ?? 0))
        {
            errors[nameof(RejectThresholdPercent)] = "Between 0 and 100, or leave empty for no limit.";
        }
        if (TimeoutSeconds is < 1) errors[nameof(TimeoutSeconds)] = "At least 1 second, or leave empty for no timeout.";
        if (LoadParallelism is < 1 or > FlowDefinition.MaxLoadParallelism)
        {
            errors[nameof(LoadParallelism)] = $"Between 1 and {FlowDefinition.MaxLoadParallelism} load lanes; {LoadParallelism} is out of range.";
        }
        var queryPartitioned = !string.IsNullOrWhiteSpace(PartitionColumn);
        if (PartitionRules.Problem(PartitionsInFlight, references.SourceKind, LoadMode, queryPartitioned) is { } partitions) errors[nameof(PartitionsInFlight)] = partitions;
        PartitionRules.ValidateQuery(this, references.SourceKind, errors);
        return errors;
    }

    private void ValidateDestination(ConnectionKind? kind, Dictionary<string, string> errors)
    {
        if (DestinationConnectionId is null) errors[nameof(DestinationConnectionId)] = "Choose the destination connection.";
        else if (kind is null) errors[nameof(DestinationConnectionId)] = $"No connection with id {DestinationConnectionId}.";
        else if (!FlowSourceRules.IsDatabase(kind.Value)) errors[nameof(DestinationConnectionId)] = $"A flow loads into a database; a {kind} connection cannot be a destination.";

        var table = DestinationTable?.Trim() ?? "";
        if (table.Length == 0) errors[nameof(DestinationTable)] = "Enter the destination table (table or schema.table).";
        else if (table.Length > FieldLengths.Table) errors[nameof(DestinationTable)] = TooLong(FieldLengths.Table);
        else if (!SqlIdentifier.IsTable(table)) errors[nameof(DestinationTable)] = SqlIdentifier.TableProblem(table);
        if (!Enum.IsDefined(LoadMode)) errors[nameof(LoadMode)] = $"Unknown load mode '{LoadMode}'.";
    }

    private void ValidateColumns(ConnectionKind? sourceKind, Dictionary<string, string> errors)
    {
        if (Columns.Count == 0) errors[nameof(Columns)] = "Map at least one column.";
        if (Columns.Count > MaxColumns)
        {
            // One message, not one per mapping: the list itself is the problem.
            errors[nameof(Columns)] = $"At most {MaxColumns} column mappings; this flow has {Columns.Count}.";
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Columns.Count; i++)
        {
            var prefix = $"{nameof(Columns)}[{i}]";
            Columns[i].Validate(prefix, errors);
            if (Columns[i].Derived.IsFromMessage() && sourceKind is { } source && source != ConnectionKind.Kafka)
            {
                errors[$"{prefix}.{nameof(ColumnMappingForm.Derived)}"] =
                    $"{DerivedValueLabels.Of(Columns[i].Derived)} comes from a Kafka message; this flow reads from a {source} connection. Remove the column or choose a Kafka source.";
            }
            var target = Columns[i].TargetColumn.Trim();
            if (target.Length > 0 && !seen.Add(target)) errors[$"{prefix}.{nameof(ColumnMappingForm.TargetColumn)}"] = $"Column '{target}' is mapped twice.";
        }

        if (LoadMode == LoadMode.Upsert && KeyColumns.Count == 0) errors[nameof(KeyColumns)] = "Upsert needs at least one key column.";
        var badKey = KeyColumns.Select(k => k.Trim()).FirstOrDefault(k => !SqlIdentifier.IsPlain(k) || !seen.Contains(k));
        if (badKey is not null)
        {
            errors[nameof(KeyColumns)] = SqlIdentifier.IsPlain(badKey) ? $"Key column '{badKey}' is not one of the target columns." : SqlIdentifier.ColumnProblem(badKey);
        }

        var cursor = CursorField?.Trim() ?? "";
        if (cursor.Length == 0) return;
        if (!SqlIdentifier.IsPlain(cursor)) errors[nameof(CursorField)] = SqlIdentifier.ColumnProblem(cursor);
        else if (!seen.Contains(cursor)) errors[nameof(CursorField)] = $"The cursor must be one of the target columns; '{cursor}' is not.";
        else if (sourceKind is { } kind && !FlowSourceRules.IsDatabase(kind) && kind != ConnectionKind.Http)
        {
            errors[nameof(CursorField)] = "Incremental extraction needs a database query or an HTTP source.";
        }
    }

    private void ValidateMapExtras(FlowReferences references, Dictionary<string, string> errors)
    {
        if (Filter?.Trim().Length > FieldLengths.Expression) errors[nameof(Filter)] = TooLong(FieldLengths.Expression);
        if (!Enum.IsDefined(UnmappedFields)) errors[nameof(UnmappedFields)] = $"Unknown policy '{UnmappedFields}' for unmapped source fields.";
        if (Lookups.Count > MaxLookups)
        {
            errors[nameof(Lookups)] = $"At most {MaxLookups} lookups; this flow has {Lookups.Count}.";
            return;
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Lookups.Count; i++)
        {
            var prefix = $"{nameof(Lookups)}[{i}]";
            var lookup = Lookups[i];
            ConnectionKind? kind = lookup.ConnectionId is { } id && references.LookupKinds?.TryGetValue(id, out var found) == true ? found : null;
            lookup.Validate(prefix, kind, errors);
            var name = lookup.Name.Trim();
            if (name.Length > 0 && !names.Add(name)) errors[$"{prefix}.{nameof(LookupForm.Name)}"] = $"Lookup '{name}' is defined twice.";
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static string TooLong(int max) => $"At most {max} characters.";

    private static List<string> SplitKeys(string? keys) =>
        (keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Hand-edited JSON the runtime would refuse too: the form starts from defaults and saving repairs it.
    private static T? Read<T>(string? json, Func<string, T?> read) where T : class =>
        string.IsNullOrWhiteSpace(json) || !TryRead(json, read, out var value, out _) ? null : value;

    /// <summary>Reads a stored (or typed) JSON setting the way the runtime does; <paramref name="problem"/> says why not.</summary>
    internal static bool TryRead<T>(string json, Func<string, T?> read, out T? value, out string? problem) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            value = read(json);
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            value = null;
            problem = ex.Message;
            return false;
        }
    }
}
