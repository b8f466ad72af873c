using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Components.Controls;

namespace EtlStudio.Web.Connections;

/// <summary>What the user types into the connection editor, every kind's fields at once so switching kind keeps them.
/// Its property names are those of the <see cref="ConnectionSettings"/> records, so the problems
/// <see cref="ConnectionRules"/> reports on <see cref="ToSettings"/> land under the field that holds the value.</summary>
public sealed class ConnectionForm
{
    /// <summary>The user name Event Hubs expects with SASL PLAIN; the password is the namespace connection string.</summary>
    public const string EventHubsUser = "$ConnectionString";

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ConnectionKind Kind { get; set; } = ConnectionKind.PostgreSql;

    public string? Path { get; set; }
    public string? DataSource { get; set; }
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? Database { get; set; }
    public string? Username { get; set; }
    public string SslMode { get; set; } = "Prefer";
    public string? Server { get; set; }
    public SqlServerAuthentication Authentication { get; set; } = SqlServerAuthentication.SqlPassword;
    public bool Encrypt { get; set; } = true;
    public bool TrustServerCertificate { get; set; }
    public string? ServiceName { get; set; }
    public string? BaseUrl { get; set; }
    public HttpAuthKind AuthKind { get; set; }
    public string? AuthName { get; set; }
    public KafkaFlavour Flavour { get; set; }
    public string? BootstrapServers { get; set; }
    public string SecurityProtocol { get; set; } = "Plaintext";
    public string? SaslMechanism { get; set; }
    public string? Container { get; set; }
    public string? AccountUrl { get; set; }
    public string? Folder { get; set; }
    public string? HostKeyFingerprint { get; set; }
    public SftpAuthentication SignIn { get; set; }
    /// <summary>Passphrase of an encrypted SFTP private key; sent with a replaced key only, kept in the same secret.</summary>
    public string? KeyPassphrase { get; set; }

    /// <summary>Whether a secret is stored (never its value).</summary>
    public bool HasStoredSecret { get; set; }
    public SecretChange SecretChange { get; set; } = SecretChange.Keep;
    /// <summary>The replacement typed by the user; sent to the server only, never rendered back after save.</summary>
    public string? NewSecret { get; set; }

    public int DefaultPort => Kind switch { ConnectionKind.PostgreSql => 5432, ConnectionKind.Oracle => 1521, ConnectionKind.Sftp => 22, _ => 0 };

    /// <summary>Whether this kind, as configured, uses a secret at all.</summary>
    public bool UsesSecret => Kind switch
    {
        ConnectionKind.LocalFolder or ConnectionKind.Sqlite => false,
        ConnectionKind.SqlServer => Authentication == SqlServerAuthentication.SqlPassword,
        ConnectionKind.Http => AuthKind != HttpAuthKind.None,
        ConnectionKind.Kafka => UsesSasl,
        _ => true,
    };

    /// <summary>Whether Kafka signs in (SASL), so a user name and secret apply.</summary>
    public bool UsesSasl => ConnectionRules.UsesSasl(SecurityProtocol, SaslMechanism);

    public string SecretLabel => Kind switch
    {
        ConnectionKind.Http => AuthKind == HttpAuthKind.Basic ? "Password" : "Token or API key",
        ConnectionKind.Kafka => Flavour switch
        {
            KafkaFlavour.EventHubs => "Event Hubs connection string",
            KafkaFlavour.ConfluentCloud => "API secret",
            _ => "SASL password",
        },
        ConnectionKind.AzureBlob => string.IsNullOrWhiteSpace(AccountUrl) ? "Storage connection string" : "Account key or SAS token",
        ConnectionKind.Sftp when SignIn == SftpAuthentication.PrivateKey => "Private key (PEM or OpenSSH)",
        _ => "Password",
    };

    /// <summary>Fills the settings a Kafka flavour implies, leaving what the user typed elsewhere alone.</summary>
    public void ApplyFlavour(KafkaFlavour flavour)
    {
        Flavour = flavour;
        switch (flavour)
        {
            case KafkaFlavour.EventHubs:
                SecurityProtocol = "SaslSsl";
                SaslMechanism = "Plain";
                Username = EventHubsUser;
                break;
            case KafkaFlavour.ConfluentCloud:
                SecurityProtocol = "SaslSsl";
                SaslMechanism = "Plain";
                if (Username == EventHubsUser) Username = null;
                break;
        }
    }

    public static ConnectionForm From(Connection connection)
    {
        var form = new ConnectionForm { Id = connection.Id, Name = connection.Name, Kind = connection.Kind, HasStoredSecret = !string.IsNullOrEmpty(connection.Secret) };
        switch (ConnectionSettings.FromJson(connection.Kind, connection.Settings))
        {
            case LocalFolderSettings s: form.Path = s.Path; break;
            case SqliteSettings s: form.DataSource = s.DataSource; break;
            case PostgreSqlSettings s: (form.Host, form.Database, form.Username, form.Port, form.SslMode) = (s.Host, s.Database, s.Username, s.Port, s.SslMode); break;
            case SqlServerSettings s:
                (form.Server, form.Database, form.Username, form.Authentication, form.Encrypt, form.TrustServerCertificate) =
                    (s.Server, s.Database, s.Username, s.Authentication, s.Encrypt, s.TrustServerCertificate);
                break;
            case OracleSettings s: (form.Host, form.ServiceName, form.Username, form.Port) = (s.Host, s.ServiceName, s.Username, s.Port); break;
            case HttpSettings s: (form.BaseUrl, form.AuthKind, form.AuthName) = (s.BaseUrl.ToString(), s.AuthKind, s.AuthName); break;
            case KafkaSettings s:
                (form.BootstrapServers, form.SecurityProtocol, form.SaslMechanism, form.Username) = (s.BootstrapServers, s.SecurityProtocol, s.SaslMechanism, s.Username);
                form.Flavour = s.Username == EventHubsUser ? KafkaFlavour.EventHubs
                    : s.BootstrapServers.Contains(".confluent.cloud", StringComparison.OrdinalIgnoreCase) ? KafkaFlavour.ConfluentCloud : KafkaFlavour.Kafka;
                break;
            case AzureBlobSettings s: (form.Container, form.AccountUrl) = (s.Container, s.AccountUrl?.ToString()); break;
            case SftpSettings s:
                (form.Host, form.Port, form.Username, form.Folder, form.HostKeyFingerprint, form.SignIn) = (s.Host, s.Port, s.Username, s.Folder, s.HostKeyFingerprint, s.SignIn);
                break;
        }
        return form;
    }

    /// <summary>The settings as typed (trimmed, blanks empty), valid or not: <see cref="ConnectionRules"/> judges them.
    /// Text that is not a URL at all becomes a relative one, which the rules refuse like any other non-absolute URL.</summary>
    public ConnectionSettings ToSettings() => Kind switch
    {
        ConnectionKind.LocalFolder => new LocalFolderSettings(Text(Path)),
        ConnectionKind.Sqlite => new SqliteSettings(Text(DataSource)),
        ConnectionKind.PostgreSql => new PostgreSqlSettings(Text(Host), Text(Database), Text(Username), Port ?? DefaultPort, SslMode),
        ConnectionKind.SqlServer => new SqlServerSettings(Text(Server), Text(Database), Blank(Username), Authentication, Encrypt, TrustServerCertificate),
        ConnectionKind.Oracle => new OracleSettings(Text(Host), Text(ServiceName), Text(Username), Port ?? DefaultPort),
        ConnectionKind.Http => new HttpSettings(Url(BaseUrl), AuthKind, AuthKind is HttpAuthKind.None or HttpAuthKind.Bearer ? null : Blank(AuthName)),
        ConnectionKind.Kafka => new KafkaSettings(Text(BootstrapServers), SecurityProtocol, Blank(SaslMechanism), UsesSasl ? Blank(Username) : null),
        ConnectionKind.AzureBlob => new AzureBlobSettings(Text(Container), Blank(AccountUrl) is null ? null : Url(AccountUrl)),
        ConnectionKind.Sftp => new SftpSettings(Text(Host), Text(Username), Engine.Sources.Files.SftpFingerprint.Normalize(HostKeyFingerprint), Blank(Folder), Port ?? DefaultPort, SignIn),
        _ => throw new InvalidOperationException($"Unknown connection kind {Kind}."),
    };

    /// <summary>What saving this form asks of <see cref="ConnectionService"/>. A kind that shows no secret field keeps none.</summary>
    public ConnectionChange ToChange() => new(Name, ToSettings(), UsesSecret ? SecretChange : SecretChange.Clear, SecretToSend);

    /// <summary>The typed secret as it is stored: an SFTP key goes together with its passphrase (<see cref="SftpSecret"/>).</summary>
    public string? SecretToSend => Kind == ConnectionKind.Sftp && SignIn == SftpAuthentication.PrivateKey ? SftpSecret.Write(NewSecret, KeyPassphrase) : NewSecret;

    /// <summary>Every problem <see cref="ConnectionRules"/> finds, keyed by the form's property (see <see cref="FieldOf"/>).</summary>
    public Dictionary<string, string> Validate()
    {
        var change = ToChange();
        return FieldErrors(ConnectionRules.Validate(change.Name, change.Settings, change.WillHaveSecret(HasStoredSecret)));
    }

    /// <summary>The rules' problems keyed by the form's properties.</summary>
    public static Dictionary<string, string> FieldErrors(IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.ToDictionary(e => FieldOf(e.Key), e => e.Value);
    }

    /// <summary>The form property under which a problem keyed by <see cref="ConnectionRules"/> is shown.</summary>
    public static string FieldOf(string ruleKey)
    {
        ArgumentNullException.ThrowIfNull(ruleKey);
        if (ruleKey == ConnectionRules.SecretKey) return nameof(NewSecret);
        return ruleKey.StartsWith(ConnectionRules.SettingsPrefix, StringComparison.Ordinal) ? ruleKey[ConnectionRules.SettingsPrefix.Length..] : ruleKey;
    }

    private static string Text(string? s) => s?.Trim() ?? "";

    private static Uri Url(string? s)
    {
        var text = Text(s);
        return Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var url) ? url : new Uri(Uri.EscapeDataString(text), UriKind.Relative);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
