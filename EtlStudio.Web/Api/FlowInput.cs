using System.Text.Json.Serialization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;

namespace EtlStudio.Web.Api;

/// <summary>A flow to create or replace; <see cref="Columns"/> replaces all its mappings, in the order given.
/// Omitted order: after the group's last flow (a group's first flow gets 1). Omitted parse options, pagination, load parallelism: the defaults.
/// Omitted filter: every row is loaded; lookups: none; unmapped fields: Ignore; create if missing: false; after load: Keep.</summary>
internal sealed record FlowInput([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? GroupId, string? Name, int? Order, bool? Enabled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SourceConnectionId, string? SourcePath, string? HttpMethod, string? HttpBody, Dictionary<string, string>? HttpHeaders,
    PaginationDto? HttpPagination, string? SourceQuery, string? SourceTopic, string? CursorField, ParseOptionsDto? Parse,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DestinationConnectionId, string? DestinationTable, LoadMode? LoadMode, List<string>? KeyColumns,
    long? RejectThresholdCount, double? RejectThresholdPercent, bool? StagingEnabled, int? TimeoutSeconds, int? LoadParallelism,
    List<ColumnMappingDto>? Columns, bool? AllowEmptyReplace = null, string? Filter = null, List<LookupDto>? Lookups = null,
    UnmappedFieldPolicy? UnmappedFields = null, bool? CreateIfMissing = null, AfterLoadAction? AfterLoad = null, string? AfterLoadFolder = null,
    int? PartitionsInFlight = null, string? PartitionColumn = null, string? PartitionLowerBound = null, string? PartitionUpperBound = null,
    int? PartitionCount = null)
{
    public FlowForm ToForm(int id) => new()
    {
        Id = id,
        GroupId = GroupId,
        Name = Name ?? "",
        Order = Order,
        Enabled = Enabled ?? true,
        SourceConnectionId = SourceConnectionId,
        SourcePath = SourcePath,
        HttpMethod = HttpMethod,
        HttpBody = HttpBody,
        HttpHeaders = HttpHeaders ?? [],
        HttpPagination = HttpPagination?.ToDefinition() ?? new(),
        SourceQuery = SourceQuery,
        SourceTopic = SourceTopic,
        CursorField = CursorField,
        Parse = Parse?.ToDefinition() ?? new(),
        DestinationConnectionId = DestinationConnectionId,
        DestinationTable = DestinationTable,
        LoadMode = LoadMode ?? Engine.Definitions.LoadMode.Append,
        KeyColumns = KeyColumns ?? [],
        RejectThresholdCount = RejectThresholdCount,
        RejectThresholdPercent = RejectThresholdPercent,
        StagingEnabled = StagingEnabled ?? true,
        TimeoutSeconds = TimeoutSeconds,
        LoadParallelism = LoadParallelism ?? FlowDefinition.DefaultLoadParallelism,
        AllowEmptyReplace = AllowEmptyReplace ?? false,
        Columns = (Columns ?? []).Select(c => c.ToForm()).ToList(),
        Filter = Filter,
        Lookups = [.. (Lookups ?? []).Select(l => l.ToForm())],
        UnmappedFields = UnmappedFields ?? UnmappedFieldPolicy.Ignore,
        CreateIfMissing = CreateIfMissing ?? false,
        AfterLoad = AfterLoad ?? AfterLoadAction.Keep,
        AfterLoadFolder = AfterLoadFolder,
        PartitionsInFlight = PartitionsInFlight ?? 0,
        PartitionColumn = PartitionColumn,
        PartitionLowerBound = PartitionLowerBound,
        PartitionUpperBound = PartitionUpperBound,
        PartitionCount = PartitionCount ?? 0,
    };

    /// <summary>The input that recreates <paramref name="flow"/> (export), without its ids: its lookups name their
    /// connections (<paramref name="connectionNames"/>, by id).</summary>
    public static FlowInput From(Flow flow, IReadOnlyDictionary<int, string> connectionNames)
    {
        ArgumentNullException.ThrowIfNull(connectionNames);
        var form = FlowForm.From(flow);
        return new(null, form.Name, form.Order, form.Enabled, null, form.SourcePath, form.HttpMethod, form.HttpBody, form.HttpHeaders,
            PaginationDto.From(form.HttpPagination), form.SourceQuery, form.SourceTopic, form.CursorField, ParseOptionsDto.From(form.Parse), null, form.DestinationTable, form.LoadMode,
            form.KeyColumns, form.RejectThresholdCount, form.RejectThresholdPercent, form.StagingEnabled, form.TimeoutSeconds, form.LoadParallelism,
            form.Columns.Select(ColumnMappingDto.From).ToList(), form.AllowEmptyReplace, form.Filter,
            [.. form.Lookups.Select(l => LookupDto.From(l, l.ConnectionId is { } id ? connectionNames.GetValueOrDefault(id, "") : ""))],
            form.UnmappedFields, form.CreateIfMissing, form.AfterLoad, form.AfterLoadFolder, form.PartitionsInFlight,
            form.PartitionColumn, form.PartitionLowerBound, form.PartitionUpperBound, form.PartitionCount);
    }
}
