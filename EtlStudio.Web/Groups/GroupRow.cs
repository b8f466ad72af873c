namespace EtlStudio.Web.Groups;

/// <summary>A group as the Groups page lists it.</summary>
internal sealed record GroupRow(int Id, string Name, string? Description, string? Cron, string TimeZone, bool Enabled, int MaxParallelFlows, int FlowCount);
