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
