namespace EtlStudio.Data.Entities;

/// <summary>Who changed what, when. Secrets are never written here.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string User { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public required string Action { get; set; }
    /// <summary>JSON of changed properties: { "Name": { "old": …, "new": … } }.</summary>
    public string? Changes { get; set; }
}
