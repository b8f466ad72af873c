using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Scheduling;

namespace EtlStudio.Web.Groups;

/// <summary>What the user types into the group editor (or sends to the REST API), kept as typed until it is valid,
/// and its validation. The portal and <c>/api/groups</c> share it, so both refuse the same input with the same words.</summary>
internal sealed class GroupForm
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Cron { get; set; } = "0 2 * * *";
    public string TimeZone { get; set; } = "UTC";
    public bool Enabled { get; set; } = true;
    public int MaxParallelFlows { get; set; } = 1;
    /// <summary>Write-only, like a connection secret (Slack and Teams put their credential in the URL): null keeps the
    /// stored URL, empty or blank removes it, anything else replaces it. Never filled from the stored group.</summary>
    public string? FailureWebhookUrl { get; set; }

    /// <summary>Whether the stored group has a failure webhook (shown instead of the URL).</summary>
    public bool HasFailureWebhook { get; set; }

    public static GroupForm From(Group group) => new()
    {
        Id = group.Id,
        Name = group.Name,
        Description = group.Description,
        Cron = group.Cron ?? "",
        TimeZone = group.TimeZone,
        Enabled = group.Enabled,
        MaxParallelFlows = group.MaxParallelFlows,
        HasFailureWebhook = !string.IsNullOrEmpty(group.FailureWebhookUrl),
    };

    /// <summary>Copies the (validated) form onto the entity, in the stored forms (trimmed, IANA zone id).</summary>
    public void ApplyTo(Group group)
    {
        group.Name = Name.Trim();
        group.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        group.Cron = Cron.Trim();
        group.TimeZone = TimeZones.TryFind(TimeZone, out var zone, out _) ? TimeZones.IanaId(zone) : TimeZone.Trim();
        group.Enabled = Enabled;
        group.MaxParallelFlows = MaxParallelFlows;
        if (FailureWebhookUrl is not null) group.FailureWebhookUrl = string.IsNullOrWhiteSpace(FailureWebhookUrl) ? null : FailureWebhookUrl.Trim();
    }

    /// <summary>Every problem, keyed by property name, worded for the field it is shown under. A CRON expression that
    /// parses but never fires (<c>0 0 30 2 *</c>) is refused too: the schedule would silently never run.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name)) errors[nameof(Name)] = "Enter a name.";
        else if (Name.Trim().Length > FieldLengths.Name) errors[nameof(Name)] = TooLong(FieldLengths.Name);
        if (Description?.Trim().Length > FieldLengths.Description) errors[nameof(Description)] = TooLong(FieldLengths.Description);
        Cronos.CronExpression? expression = null;
        if (Cron.Trim().Length > FieldLengths.Cron) errors[nameof(Cron)] = TooLong(FieldLengths.Cron);
        else if (!CronSchedule.TryParse(Cron, out var parsed, out var cronError)) errors[nameof(Cron)] = cronError;
        else expression = parsed;
        if (!TimeZones.TryFind(TimeZone, out var zone, out var zoneError)) errors[nameof(TimeZone)] = zoneError;
        // The schedule sync refuses a CRON that never fires (30 February): say so here rather than save a dead schedule.
        else if (expression is not null && CronRules.NeverFires(expression, zone, Cron) is { } never) errors[nameof(Cron)] = never;
        if (MaxParallelFlows < 1) errors[nameof(MaxParallelFlows)] = "At least 1.";
        if (FailureWebhookUrl?.Trim().Length > FieldLengths.Path) errors[nameof(FailureWebhookUrl)] = TooLong(FieldLengths.Path);
        else if (!string.IsNullOrWhiteSpace(FailureWebhookUrl)
            && !(Uri.TryCreate(FailureWebhookUrl.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            errors[nameof(FailureWebhookUrl)] = "Enter an absolute http:// or https:// URL, or leave empty.";
        }
        return errors;
    }

    private static string TooLong(int max) => $"At most {max} characters.";
}
