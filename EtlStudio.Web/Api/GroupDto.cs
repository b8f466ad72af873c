using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Api;

/// <summary>A group as the API returns it. The failure webhook URL is a credential (Slack, Teams) and never leaves the
/// server: <see cref="HasFailureWebhook"/> says whether one is stored.</summary>
internal sealed record GroupDto(int Id, string Name, string? Description, string? Cron, string TimeZone, bool Enabled,
    int MaxParallelFlows, bool HasFailureWebhook, int FlowCount, DateTime CreatedUtc, DateTime UpdatedUtc)
{
    public static GroupDto From(Group group, int flowCount) => new(group.Id, group.Name, group.Description, group.Cron, group.TimeZone,
        group.Enabled, group.MaxParallelFlows, !string.IsNullOrEmpty(group.FailureWebhookUrl), flowCount, group.CreatedUtc, group.UpdatedUtc);
}
