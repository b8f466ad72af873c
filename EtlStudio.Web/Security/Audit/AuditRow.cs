using System.Text.Json;

namespace EtlStudio.Web.Security.Audit;

/// <summary>One audit entry as listed.</summary>
public sealed record AuditRow(long Id, DateTime AtUtc, string User, string EntityType, string? EntityId, string Action, string? Changes)
{
    /// <summary>"Name: old → new" per changed property, for reading without JSON.</summary>
    public IEnumerable<string> ChangeLines()
    {
        if (Changes is null) yield break;
        using var document = JsonDocument.Parse(Changes);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            yield return $"{property.Name}: {Text(property.Value, "old")} → {Text(property.Value, "new")}";
        }
    }

    private static string Text(JsonElement change, string side) =>
        change.TryGetProperty(side, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "∅";
}
