using System.Text.Json;
using System.Text.Json.Nodes;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EtlStudio.Web.Security.Audit;

/// <summary>What an audit entry records about one changed entity: its changed properties as
/// <c>{ "Name": { "old": …, "new": … } }</c>, with secrets replaced by <c>(changed)</c>.</summary>
internal static class AuditedProperties
{
    public const string Masked = "(changed)";

    // Suffixes of property names whose values are credentials (Connection.Secret, PasswordHash, ApiKeyHash,
    // SecurityStamp, …); a webhook URL of Teams or Slack is itself the credential.
    private static readonly string[] SensitiveSuffixes =
        ["Secret", "Password", "PasswordHash", "Token", "Key", "Hash", "Stamp", "ConnectionString", "WebhookUrl"];

    // Bookkeeping that changes on every sign-in or save and says nothing about the configuration.
    private static readonly HashSet<string> Noise = ["ConcurrencyStamp", "AccessFailedCount"];

    // Run history and the log itself are records of what happened, not configuration.
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry), typeof(FlowRun), typeof(FlowRunStep), typeof(RunArtifact), typeof(RejectedRowRecord), typeof(RunLogEntry),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<string>),
    ];

    public static bool IsAudited(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !NotAudited.Contains(entry.Metadata.ClrType);

    public static bool IsSensitive(string propertyName) =>
        Array.Exists(SensitiveSuffixes, s => propertyName.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The changes as JSON, or null when nothing but bookkeeping changed.</summary>
    public static string? Describe(EntityEntry entry)
    {
        var changes = new JsonObject();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Noise.Contains(name)) continue;
            var (old, current) = entry.State switch
            {
                EntityState.Added => (null, property.CurrentValue),
                EntityState.Deleted => (property.OriginalValue, null),
                _ => (property.OriginalValue, property.CurrentValue),
            };
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(old, current))) continue;
            if (entry.State == EntityState.Added && (current is null || property.IsTemporary)) continue;
            changes[name] = new JsonObject { ["old"] = Value(name, old), ["new"] = Value(name, current) };
        }
        return changes.Count == 0 ? null : changes.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonNode? Value(string name, object? value) =>
        value is null ? null
        : IsSensitive(name) ? JsonValue.Create(Masked)
        : JsonSerializer.SerializeToNode(value is Enum ? value.ToString() : value);
}
