namespace EtlStudio.Web.Api;

/// <summary>A Kafka trigger of an exported flow, its connection by name.</summary>
internal sealed record ExportedTrigger(string? Connection, TriggerInput? Definition);
