using System.Text.Json;
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
        using var settings = JsonDocument.Parse(string.IsNullOrWhiteSpace(connection.Settings) ? "{}" : connection.Settings);
        string summary;
        try
        {
            summary = ConnectionSettings.FromJson(connection.Kind, connection.Settings).Summary;
        }
        catch (JsonException)
        {
            summary = "(unreadable settings)";
        }
        return new(connection.Id, connection.Name, connection.Kind, settings.RootElement.Clone(), summary,
            !string.IsNullOrEmpty(connection.Secret), connection.CreatedUtc, connection.UpdatedUtc);
    }
}

/// <summary>A connection to create or replace. <see cref="Settings"/> is the kind's settings object (e.g.
/// <c>{"host":"db","database":"dw","username":"etl"}</c> for PostgreSql). <see cref="Secret"/> is write-only: omitted
/// keeps the stored secret, an empty string clears it.</summary>
internal sealed record ConnectionInput(string? Name, ConnectionKind? Kind, JsonElement? Settings, string? Secret)
{
    public ConnectionForm ToForm(int id)
    {
        var form = new ConnectionForm { Id = id, Name = Name ?? "", Kind = Kind, Secret = Secret };
        if (Kind is { } kind && Settings is { ValueKind: JsonValueKind.Object } settings) form.ReadSettings(kind, settings.GetRawText());
        else if (Settings is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) }) form.SettingsProblem = "The settings must be a JSON object.";
        return form;
    }
}
