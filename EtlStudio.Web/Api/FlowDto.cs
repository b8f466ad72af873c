using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;

namespace EtlStudio.Web.Api;

/// <summary>A flow as the API returns it, with its column mappings in order.</summary>
internal sealed record FlowDto(int Id, int GroupId, string Name, int Order, bool Enabled,
    int? SourceConnectionId, string? SourcePath, string? HttpMethod, string? HttpBody, IReadOnlyDictionary<string, string> HttpHeaders,
    PaginationDto HttpPagination, string? SourceQuery, string? SourceTopic, string? CursorField, string? CursorValue, ParseOptionsDto Parse,
    int? DestinationConnectionId, string? DestinationTable, LoadMode LoadMode, IReadOnlyList<string> KeyColumns,
    long? RejectThresholdCount, double? RejectThresholdPercent, bool StagingEnabled, int? TimeoutSeconds, int LoadParallelism, bool AllowEmptyReplace,
    IReadOnlyList<ColumnMappingDto> Columns, string? Filter, IReadOnlyList<LookupDto> Lookups, UnmappedFieldPolicy UnmappedFields, bool CreateIfMissing,
    AfterLoadAction AfterLoad, string? AfterLoadFolder, DateTime CreatedUtc, DateTime UpdatedUtc, int PartitionsInFlight,
    string? PartitionColumn, string? PartitionLowerBound, string? PartitionUpperBound, int PartitionCount)
{
    public static FlowDto From(Flow flow)
    {
        var form = FlowForm.From(flow);
        return new(flow.Id, flow.GroupId, flow.Name, flow.Order, flow.Enabled, form.SourceConnectionId, form.SourcePath, form.HttpMethod,
            form.HttpBody, form.HttpHeaders, PaginationDto.From(form.HttpPagination), form.SourceQuery, form.SourceTopic, form.CursorField, flow.CursorValue,
            ParseOptionsDto.From(form.Parse),
            form.DestinationConnectionId, form.DestinationTable, form.LoadMode, form.KeyColumns, form.RejectThresholdCount,
            form.RejectThresholdPercent, form.StagingEnabled, form.TimeoutSeconds, form.LoadParallelism, form.AllowEmptyReplace,
            form.Columns.Select(ColumnMappingDto.From).ToList(), form.Filter, [.. form.Lookups.Select(l => LookupDto.From(l))], form.UnmappedFields,
            form.CreateIfMissing, form.AfterLoad, form.AfterLoadFolder, flow.CreatedUtc, flow.UpdatedUtc, form.PartitionsInFlight,
            form.PartitionColumn, form.PartitionLowerBound, form.PartitionUpperBound, form.PartitionCount);
    }
}
