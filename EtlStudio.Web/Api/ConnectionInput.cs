using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Api;

/// <summary>A connection to create or replace. <see cref="Settings"/> is the kind's settings object (e.g.
/// <c>{"host":"db","database":"dw","username":"etl"}</c> for PostgreSql). <see cref="Secret"/> is write-only: omitted
/// keeps the stored secret, an empty string clears it.</summary>
internal sealed record ConnectionInput(string? Name, ConnectionKind? Kind, JsonElement? Settings, string? Secret)
{
    /// <summary>The change to hand to <see cref="ConnectionService"/>, or why the body cannot be read as one (no kind,
    /// settings that do not fit the kind), keyed like the service's rules (<c>Name</c>, <c>Kind</c>, <c>Settings</c>).
    /// Everything else is judged by <see cref="ConnectionRules"/> in the service.</summary>
    public (ConnectionChange? Change, Dictionary<string, string> Errors) ToChange()
    {
        var errors = new Dictionary<string, string>();
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors[nameof(Kind)] = $"Choose the kind: {string.Join(", ", Enum.GetNames<ConnectionKind>())}.";
        }
        else if (Settings is not { ValueKind: JsonValueKind.Object } json)
        {
            errors[nameof(Settings)] = $"Enter the settings of the {kind} connection as a JSON object.";
        }
        else
        {
            try
            {
                var secret = Secret switch { null => SecretChange.Keep, "" => SecretChange.Clear, _ => SecretChange.Replace };
                return (new ConnectionChange(Name, ConnectionSettings.FromJson(kind, json.GetRawText()), secret, Secret), errors);
            }
            catch (JsonException e)
            {
                errors[nameof(Settings)] = $"The settings do not fit a {kind} connection: {e.Message}";
            }
        }
        ConnectionRules.ValidateName(Name, errors);
        return (null, errors);
    }
}
