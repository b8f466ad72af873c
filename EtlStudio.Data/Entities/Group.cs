namespace EtlStudio.Data.Entities;

/// <summary>A set of flows run together on a CRON schedule in a time zone.</summary>
public class Group
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>CRON expression (5 fields, or 6 with seconds), evaluated by Cronos.</summary>
    public string? Cron { get; set; }
    /// <summary>IANA time zone id, e.g. <c>Europe/Amsterdam</c>.</summary>
    public string TimeZone { get; set; } = "UTC";
    public bool Enabled { get; set; } = true;
    public int MaxParallelFlows { get; set; } = 1;
    /// <summary>Teams/Slack-compatible webhook called when a run fails or is abandoned.</summary>
    public string? FailureWebhookUrl { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<Flow> Flows { get; set; } = [];
}
