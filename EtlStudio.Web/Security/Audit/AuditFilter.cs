namespace EtlStudio.Web.Security.Audit;

/// <summary>Filters of the audit page; each is optional. Times are UTC, <see cref="ToUtc"/> exclusive.</summary>
public sealed record AuditFilter(string? User = null, string? EntityType = null, DateTime? FromUtc = null, DateTime? ToUtc = null);
