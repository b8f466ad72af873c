namespace EtlStudio.Web.Api;

/// <summary>A flow of an export: its definition without ids, its connections by name, and its triggers.</summary>
internal sealed record ExportedFlow(string? SourceConnection, string? DestinationConnection, FlowInput? Definition, IReadOnlyList<ExportedTrigger>? Triggers);
