using EtlStudio.Data.Entities;
using EtlStudio.Web.Groups;

namespace EtlStudio.Web.Api;

/// <summary>A group to create or replace. Omitted: time zone UTC, enabled, one flow at a time.
/// <see cref="FailureWebhookUrl"/> is write-only: omitted (null) keeps the stored URL, <c>""</c> removes it, a URL
/// replaces it.</summary>
internal sealed record GroupInput(string? Name, string? Description, string? Cron, string? TimeZone, bool? Enabled,
    int? MaxParallelFlows, string? FailureWebhookUrl)
{
    public GroupForm ToForm(int id) => new()
    {
        Id = id,
        Name = Name ?? "",
        Description = Description,
        Cron = Cron ?? "",
        TimeZone = TimeZone ?? "UTC",
        Enabled = Enabled ?? true,
        MaxParallelFlows = MaxParallelFlows ?? 1,
        FailureWebhookUrl = FailureWebhookUrl,
    };

    /// <summary>The group as an export carries it: without its failure webhook URL (a credential).</summary>
    public static GroupInput From(Group group) => new(group.Name, group.Description, group.Cron, group.TimeZone, group.Enabled,
        group.MaxParallelFlows, FailureWebhookUrl: null);
}
