using EtlStudio.Data.Configurations;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources.Files;

namespace EtlStudio.Web.Connections;

/// <summary>What a connection needs to be saved: its name, each kind's settings and whether it needs a secret. The
/// portal's editor and <c>/api/connections</c> both go through <see cref="ConnectionService"/>, which applies these
/// rules, so both refuse the same input with the same words. Problems are keyed <see cref="NameKey"/>,
/// <c>Settings.{Property}</c> and <see cref="SecretKey"/>.</summary>
internal static class ConnectionRules
{
    public const string NameKey = "Name";
    public const string SecretKey = "Secret";
    public const string SettingsPrefix = "Settings.";

    public static readonly IReadOnlyList<string> PostgresSslModes = ["Disable", "Allow", "Prefer", "Require", "VerifyCA", "VerifyFull"];
    public static readonly IReadOnlyList<string> KafkaProtocols = ["Plaintext", "Ssl", "SaslPlaintext", "SaslSsl"];
    public static readonly IReadOnlyList<string> SaslMechanisms = ["Plain", "ScramSha256", "ScramSha512", "OAuthBearer"];

    /// <summary>Every problem of a connection named <paramref name="name"/> with <paramref name="settings"/>;
    /// <paramref name="willHaveSecret"/> says whether a secret is stored once saved.</summary>
    public static Dictionary<string, string> Validate(string? name, ConnectionSettings settings, bool willHaveSecret)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, string>();
        ValidateName(name, errors);
        ValidateSettings(settings, errors);
        if (!willHaveSecret && NeedsSecret(settings)) errors[SecretKey] = $"Enter the {SecretName(settings)}.";
        return errors;
    }

    public static void ValidateName(string? name, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(name)) errors[NameKey] = "Enter a name.";
        else if (name.Trim().Length > FieldLengths.Name) errors[NameKey] = TooLong(FieldLengths.Name);
    }

    /// <summary>True when a connection of these settings cannot work without a secret (a SQL login's password, an
    /// Oracle password, a storage key or connection string). PostgreSQL (trust/peer), HTTP and Kafka may do without.</summary>
    public static bool NeedsSecret(ConnectionSettings settings) => settings switch
    {
        SqlServerSettings s => s.Authentication == SqlServerAuthentication.SqlPassword,
        OracleSettings or AzureBlobSettings or SftpSettings => true,
        _ => false,
    };

    /// <summary>"No mechanism" means PLAIN (Event Hubs, Confluent Cloud keys); a mechanism implies SASL too.</summary>
    public static bool UsesSasl(string? securityProtocol, string? saslMechanism) =>
        securityProtocol?.Trim().StartsWith("Sasl", StringComparison.OrdinalIgnoreCase) == true || !string.IsNullOrWhiteSpace(saslMechanism);

    private static string SecretName(ConnectionSettings settings) => settings switch
    {
        AzureBlobSettings { AccountUrl: null } => "storage connection string",
        AzureBlobSettings => "account key or SAS token",
        SftpSettings { SignIn: SftpAuthentication.PrivateKey } => "private key",
        _ => "password",
    };

    private static void ValidateSettings(ConnectionSettings settings, Dictionary<string, string> errors)
    {
        switch (settings)
        {
            case LocalFolderSettings s:
                Required(s.Path, nameof(s.Path), "Enter the folder (absolute, or relative to the app's content root).", errors, FieldLengths.Path);
                break;
            case SqliteSettings s:
                Required(s.DataSource, nameof(s.DataSource), "Enter the database file.", errors, FieldLengths.Path);
                break;
            case PostgreSqlSettings s:
                Required(s.Host, nameof(s.Host), "Enter the host name.", errors);
                Required(s.Database, nameof(s.Database), "Enter the database.", errors);
                Required(s.Username, nameof(s.Username), "Enter the user name.", errors);
                Port(s.Port, errors);
                OneOf(s.SslMode, nameof(s.SslMode), PostgresSslModes, errors);
                break;
            case SqlServerSettings s:
                Required(s.Server, nameof(s.Server), "Enter the server (host, host,port, host\\instance or name.database.windows.net).", errors);
                Required(s.Database, nameof(s.Database), "Enter the database.", errors);
                if (!Enum.IsDefined(s.Authentication)) errors[Key(nameof(s.Authentication))] = OneOfMessage(Enum.GetNames<SqlServerAuthentication>());
                else if (s.Authentication == SqlServerAuthentication.SqlPassword) Required(s.Username, nameof(s.Username), "Enter the SQL login.", errors);
                else Optional(s.Username, nameof(s.Username), errors);
                break;
            case OracleSettings s:
                Required(s.Host, nameof(s.Host), "Enter the host name.", errors);
                Required(s.ServiceName, nameof(s.ServiceName), "Enter the service name.", errors);
                Required(s.Username, nameof(s.Username), "Enter the user name.", errors);
                Port(s.Port, errors);
                break;
            case HttpSettings s:
                if (s.BaseUrl is null || !s.BaseUrl.IsAbsoluteUri || s.BaseUrl.Scheme is not ("http" or "https"))
                {
                    errors[Key(nameof(s.BaseUrl))] = "Enter an absolute http:// or https:// URL.";
                }
                else if (s.BaseUrl.OriginalString.Length > FieldLengths.Path) errors[Key(nameof(s.BaseUrl))] = TooLong(FieldLengths.Path);
                if (!Enum.IsDefined(s.AuthKind)) errors[Key(nameof(s.AuthKind))] = OneOfMessage(Enum.GetNames<HttpAuthKind>());
                else if (s.AuthKind is HttpAuthKind.Basic or HttpAuthKind.ApiKeyHeader or HttpAuthKind.ApiKeyQuery)
                {
                    Required(s.AuthName, nameof(s.AuthName), s.AuthKind == HttpAuthKind.Basic ? "Enter the user name." : "Enter the header or parameter name.", errors);
                }
                break;
            case KafkaSettings s:
                Required(s.BootstrapServers, nameof(s.BootstrapServers), "Enter the bootstrap servers (host:port, comma-separated).", errors, FieldLengths.Path);
                OneOf(s.SecurityProtocol, nameof(s.SecurityProtocol), KafkaProtocols, errors);
                if (!string.IsNullOrWhiteSpace(s.SaslMechanism)) OneOf(s.SaslMechanism, nameof(s.SaslMechanism), SaslMechanisms, errors);
                // OAuthBearer signs in with a token, not a user name.
                if (UsesSasl(s.SecurityProtocol, s.SaslMechanism) && !string.Equals(s.SaslMechanism?.Trim(), "OAuthBearer", StringComparison.OrdinalIgnoreCase))
                {
                    var confluent = s.BootstrapServers?.Contains(".confluent.cloud", StringComparison.OrdinalIgnoreCase) == true;
                    Required(s.Username, nameof(s.Username), confluent ? "Enter the API key." : "Enter the SASL user name ($ConnectionString for Event Hubs).", errors);
                }
                break;
            case AzureBlobSettings s:
                if (string.IsNullOrWhiteSpace(s.Container) || s.Container.Length is < 3 or > 63
                    || !s.Container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    errors[Key(nameof(s.Container))] = "Enter the container: 3–63 lower-case letters, digits and hyphens.";
                }
                if (s.AccountUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.OriginalString.Length > FieldLengths.Path))
                {
                    errors[Key(nameof(s.AccountUrl))] = "Enter https://<account>.blob.core.windows.net, or leave empty and put a connection string in the secret.";
                }
                break;
            case SftpSettings s:
                Required(s.Host, nameof(s.Host), "Enter the host name.", errors);
                Required(s.Username, nameof(s.Username), "Enter the user name.", errors);
                Port(s.Port, errors);
                Optional(s.Folder, nameof(s.Folder), errors, FieldLengths.Path);
                if (!Enum.IsDefined(s.SignIn)) errors[Key(nameof(s.SignIn))] = OneOfMessage(Enum.GetNames<SftpAuthentication>());
                if (string.IsNullOrWhiteSpace(s.HostKeyFingerprint)) errors[Key(nameof(s.HostKeyFingerprint))] = FingerprintMissing;
                else if (!SftpFingerprint.IsValid(s.HostKeyFingerprint)) errors[Key(nameof(s.HostKeyFingerprint))] = "Enter the fingerprint as OpenSSH prints it: SHA256: and 43 base64 characters.";
                break;
        }
    }

    /// <summary>Why an SFTP connection without a pinned host key cannot be saved.</summary>
    public const string FingerprintMissing = "Pin the server's host key fingerprint (SHA256:…): Test connection shows it, or ask the server's administrator for the output of ssh-keygen -lf on its host key.";

    private static void Required(string? value, string property, string message, Dictionary<string, string> errors, int max = FieldLengths.Name)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[Key(property)] = message;
        else if (value.Trim().Length > max) errors[Key(property)] = TooLong(max);
    }

    private static void Optional(string? value, string property, Dictionary<string, string> errors, int max = FieldLengths.Name)
    {
        if (value?.Trim().Length > max) errors[Key(property)] = TooLong(max);
    }

    private static void Port(int port, Dictionary<string, string> errors)
    {
        if (port is < 1 or > 65535) errors[Key("Port")] = "Enter a port between 1 and 65535.";
    }

    private static void OneOf(string? value, string property, IReadOnlyList<string> allowed, Dictionary<string, string> errors)
    {
        if (!allowed.Contains(value?.Trim(), StringComparer.OrdinalIgnoreCase)) errors[Key(property)] = OneOfMessage(allowed);
    }

    private static string OneOfMessage(IEnumerable<string> allowed) => $"Choose one of {string.Join(", ", allowed)}.";

    private static string TooLong(int max) => $"At most {max} characters.";

    private static string Key(string property) => SettingsPrefix + property;
}
