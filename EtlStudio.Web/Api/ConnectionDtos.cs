using System.Text.Json;
using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Api;

/// <summary>A connection as the API returns it. The secret never leaves the server: <see cref="SecretSet"/> says
/// whether one is stored.</summary>
internal sealed record ConnectionDto(int Id, string Name, ConnectionKind Kind, JsonElement Settings, string Summary, bool SecretSet,
    DateTime CreatedUtc, DateTime UpdatedUtc)
{
    public static ConnectionDto From(Connection connection)
    {
        JsonElement settings;
        string summary;
        try
        {
            settings = JsonElement.Parse(connection.Settings);
            summary = ConnectionSettings.FromJson(connection.Kind, connection.Settings).Summary;
        }
        catch (JsonException)
        {
            // Hand-edited in the database: still listed, so it can be fixed through the API or the portal.
            settings = JsonElement.Parse("{}");
            summary = "(unreadable settings)";
        }
        return new(connection.Id, connection.Name, connection.Kind, settings, summary,
            !string.IsNullOrEmpty(connection.Secret), connection.CreatedUtc, connection.UpdatedUtc);
    }
}

/// <summary>A connection to create or replace. <see cref="Settings"/> is the kind's settings object (e.g.
/// <c>{"host":"db","database":"dw","username":"etl"}</c> for PostgreSql). <see cref="Secret"/> is write-only: omitted
/// keeps the stored secret, an empty string clears it.</summary>
internal sealed record ConnectionInput(string? Name, ConnectionKind? Kind, JsonElement? Settings, string? Secret)
{
    /// <summary>The typed settings, or every problem keyed like the portal's editor (<c>Name</c>, <c>Settings.Host</c>…).</summary>
    /// <param name="hasStoredSecret">Whether the connection being replaced has a secret (kept when <see cref="Secret"/> is omitted).</param>
    public (ConnectionSettings? Settings, Dictionary<string, string> Errors) Validate(bool hasStoredSecret)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name)) errors[nameof(Name)] = "Enter a name.";
        else if (Name.Trim().Length > FieldLengths.Name) errors[nameof(Name)] = $"At most {FieldLengths.Name} characters.";
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors[nameof(Kind)] = $"Choose the kind: {string.Join(", ", Enum.GetNames<ConnectionKind>())}.";
            return (null, errors);
        }
        if (Settings is not { ValueKind: JsonValueKind.Object } json)
        {
            errors[nameof(Settings)] = $"Enter the settings of the {kind} connection as a JSON object.";
            return (null, errors);
        }
        ConnectionSettings settings;
        try
        {
            settings = ConnectionSettings.FromJson(kind, json.GetRawText());
        }
        catch (JsonException e)
        {
            errors[nameof(Settings)] = $"The settings do not fit a {kind} connection: {e.Message}";
            return (null, errors);
        }
        ConnectionSettingsRules.Validate(settings, errors);
        var willHaveSecret = Secret is null ? hasStoredSecret : Secret.Length > 0;
        if (!willHaveSecret && ConnectionSettingsRules.NeedsSecret(settings)) errors[nameof(Secret)] = $"A {kind} connection like this one needs its secret.";
        return (settings, errors);
    }
}
