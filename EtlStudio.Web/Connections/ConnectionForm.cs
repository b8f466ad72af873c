using System.Text.Json;
using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

/// <summary>A connection as the user edits it (portal or REST API), and its validation. The secret is write-only:
/// <see cref="Secret"/> null keeps the stored one, empty clears it; it is never read back into a form.</summary>
internal sealed class ConnectionForm
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ConnectionKind? Kind { get; set; }
    public ConnectionSettings? Settings { get; set; }
    /// <summary>Why the settings could not be read (e.g. a number where text belongs); reported under Settings.</summary>
    public string? SettingsProblem { get; set; }
    public string? Secret { get; set; }

    /// <summary>Reads <paramref name="json"/> (an object) as the settings of <paramref name="kind"/>; a malformed
    /// object becomes <see cref="SettingsProblem"/> instead of an exception.</summary>
    public void ReadSettings(ConnectionKind kind, string json)
    {
        try
        {
            Settings = ConnectionSettings.FromJson(kind, json);
            SettingsProblem = null;
        }
        catch (JsonException e)
        {
            Settings = null;
            SettingsProblem = $"The settings do not fit a {kind} connection: {e.Message}";
        }
    }

    /// <summary>Every problem, keyed by property name (<c>Name</c>, <c>Kind</c>, <c>Settings.Host</c>…).</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name)) errors[nameof(Name)] = "Enter a name.";
        else if (Name.Trim().Length > FieldLengths.Name) errors[nameof(Name)] = $"At most {FieldLengths.Name} characters.";
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors[nameof(Kind)] = $"Choose the kind: {string.Join(", ", Enum.GetNames<ConnectionKind>())}.";
            return errors;
        }
        if (SettingsProblem is not null) errors[nameof(Settings)] = SettingsProblem;
        else if (Settings is null) errors[nameof(Settings)] = $"Enter the settings of the {kind} connection.";
        else ConnectionSettingsRules.Validate(Settings, errors);
        return errors;
    }
}
