using EtlStudio.Data.Configurations;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Connections;

/// <summary>What each kind of <see cref="ConnectionSettings"/> needs, keyed <c>Settings.{Property}</c>. Used by the
/// REST API on the settings object it receives; the portal's connection editor can run the same rules on
/// <c>ToSettings()</c> of its form.</summary>
internal static class ConnectionSettingsRules
{
    private static readonly string[] PostgresSslModes = ["Disable", "Allow", "Prefer", "Require", "VerifyCA", "VerifyFull"];
    private static readonly string[] KafkaProtocols = ["Plaintext", "Ssl", "SaslPlaintext", "SaslSsl"];
    private static readonly string[] SaslMechanisms = ["Plain", "ScramSha256", "ScramSha512", "OAuthBearer"];

    /// <summary>Adds every problem of <paramref name="settings"/> to <paramref name="errors"/>.</summary>
    public static void Validate(ConnectionSettings settings, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        switch (settings)
        {
            case LocalFolderSettings s:
                Required(s.Path, nameof(s.Path), "Enter the folder (absolute, or relative to the app's content root).", errors, FieldLengths.Path);
                break;
            case SqliteSettings s:
                Required(s.DataSource, nameof(s.DataSource), "Enter the database file.", errors, FieldLengths.Path);
                break;
            case PostgreSqlSettings s:
                Required(s.Host, nameof(s.Host), "Enter the host.", errors);
                Required(s.Database, nameof(s.Database), "Enter the database.", errors);
                Required(s.Username, nameof(s.Username), "Enter the user name.", errors);
                Port(s.Port, errors);
                OneOf(s.SslMode, nameof(s.SslMode), PostgresSslModes, errors);
                break;
            case SqlServerSettings s:
                Required(s.Server, nameof(s.Server), "Enter the server (host,port or name.database.windows.net).", errors);
                Required(s.Database, nameof(s.Database), "Enter the database.", errors);
                if (!Enum.IsDefined(s.Authentication)) errors[Key(nameof(s.Authentication))] = $"One of {string.Join(", ", Enum.GetNames<SqlServerAuthentication>())}.";
                else if (s.Authentication == SqlServerAuthentication.SqlPassword) Required(s.Username, nameof(s.Username), "SQL password authentication needs a user name.", errors);
                break;
            case OracleSettings s:
                Required(s.Host, nameof(s.Host), "Enter the host.", errors);
                Required(s.ServiceName, nameof(s.ServiceName), "Enter the service name.", errors);
                Required(s.Username, nameof(s.Username), "Enter the user name.", errors);
                Port(s.Port, errors);
                break;
            case HttpSettings s:
                if (s.BaseUrl is null || !s.BaseUrl.IsAbsoluteUri || s.BaseUrl.Scheme is not ("http" or "https"))
                {
                    errors[Key(nameof(s.BaseUrl))] = "Enter an absolute http:// or https:// base URL.";
                }
                if (!Enum.IsDefined(s.AuthKind)) errors[Key(nameof(s.AuthKind))] = $"One of {string.Join(", ", Enum.GetNames<HttpAuthKind>())}.";
                else if (s.AuthKind is HttpAuthKind.Basic or HttpAuthKind.ApiKeyHeader or HttpAuthKind.ApiKeyQuery)
                {
                    Required(s.AuthName, nameof(s.AuthName), "Enter the user name (Basic) or the API key's header or parameter name.", errors);
                }
                break;
            case KafkaSettings s:
                Required(s.BootstrapServers, nameof(s.BootstrapServers), "Enter the bootstrap servers (host:port, comma-separated).", errors, FieldLengths.Path);
                OneOf(s.SecurityProtocol, nameof(s.SecurityProtocol), KafkaProtocols, errors);
                if (s.SecurityProtocol?.StartsWith("Sasl", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // No mechanism means PLAIN (Event Hubs, Confluent Cloud keys); OAuthBearer needs no user name.
                    if (!string.IsNullOrWhiteSpace(s.SaslMechanism)) OneOf(s.SaslMechanism, nameof(s.SaslMechanism), SaslMechanisms, errors);
                    if (!string.Equals(s.SaslMechanism?.Trim(), "OAuthBearer", StringComparison.OrdinalIgnoreCase))
                    {
                        Required(s.Username, nameof(s.Username), "SASL needs a user name ($ConnectionString for Event Hubs).", errors);
                    }
                }
                break;
            case AzureBlobSettings s:
                if (string.IsNullOrWhiteSpace(s.Container) || s.Container.Length is < 3 or > 63
                    || !s.Container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    errors[Key(nameof(s.Container))] = "Enter the container: 3–63 lower-case letters, digits and hyphens.";
                }
                if (s.AccountUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
                {
                    errors[Key(nameof(s.AccountUrl))] = "Enter the account URL (https://account.blob.core.windows.net), or leave empty and put a connection string in the secret.";
                }
                break;
        }
    }

    private static void Required(string? value, string property, string message, Dictionary<string, string> errors, int max = FieldLengths.Name)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[Key(property)] = message;
        else if (value.Length > max) errors[Key(property)] = $"At most {max} characters.";
    }

    private static void Port(int port, Dictionary<string, string> errors)
    {
        if (port is < 1 or > 65535) errors[Key("Port")] = "Between 1 and 65535.";
    }

    private static void OneOf(string? value, string property, string[] allowed, Dictionary<string, string> errors)
    {
        if (!allowed.Contains(value?.Trim(), StringComparer.OrdinalIgnoreCase)) errors[Key(property)] = $"One of {string.Join(", ", allowed)}.";
    }

    /// <summary>True when a connection of these settings cannot work without a secret (a SQL login's password, an
    /// Oracle password, a storage key or connection string). PostgreSQL (trust/peer), HTTP and Kafka may do without.</summary>
    public static bool NeedsSecret(ConnectionSettings settings) => settings switch
    {
        SqlServerSettings s => s.Authentication == SqlServerAuthentication.SqlPassword,
        OracleSettings or AzureBlobSettings => true,
        _ => false,
    };

    private static string Key(string property) => $"Settings.{property}";
}
