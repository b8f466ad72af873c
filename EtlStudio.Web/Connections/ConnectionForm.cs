using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Connections;

/// <summary>Kafka flavours: plain Kafka, Azure Event Hubs (Kafka endpoint) or Confluent Cloud. Not stored: the
/// settings they imply are, and the flavour is read back from them.</summary>
public enum KafkaFlavour { Kafka, EventHubs, ConfluentCloud }

/// <summary>What the user types into the connection editor, every kind's fields at once so switching kind keeps them.</summary>
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

    /// <summary>Whether a secret is stored (never its value).</summary>
    public bool HasStoredSecret { get; set; }
    public SecretChange SecretChange { get; set; } = SecretChange.Keep;
    /// <summary>The replacement typed by the user; sent to the server only, never rendered back after save.</summary>
    public string? NewSecret { get; set; }

    public int DefaultPort => Kind switch { ConnectionKind.PostgreSql => 5432, ConnectionKind.Oracle => 1521, _ => 0 };

    /// <summary>Whether this kind, as configured, uses a secret at all.</summary>
    public bool UsesSecret => Kind switch
    {
        ConnectionKind.LocalFolder or ConnectionKind.Sqlite => false,
        ConnectionKind.SqlServer => Authentication == SqlServerAuthentication.SqlPassword,
        ConnectionKind.Http => AuthKind != HttpAuthKind.None,
        ConnectionKind.Kafka => !string.IsNullOrWhiteSpace(SaslMechanism),
        _ => true,
    };

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
        }
        return form;
    }

    /// <summary>The typed settings of a validated form.</summary>
    public ConnectionSettings ToSettings() => Kind switch
    {
        ConnectionKind.LocalFolder => new LocalFolderSettings(Path!.Trim()),
        ConnectionKind.Sqlite => new SqliteSettings(DataSource!.Trim()),
        ConnectionKind.PostgreSql => new PostgreSqlSettings(Host!.Trim(), Database!.Trim(), Username!.Trim(), Port ?? 5432, SslMode),
        ConnectionKind.SqlServer => new SqlServerSettings(Server!.Trim(), Database!.Trim(), Blank(Username), Authentication, Encrypt, TrustServerCertificate),
        ConnectionKind.Oracle => new OracleSettings(Host!.Trim(), ServiceName!.Trim(), Username!.Trim(), Port ?? 1521),
        ConnectionKind.Http => new HttpSettings(new Uri(BaseUrl!.Trim()), AuthKind, AuthKind is HttpAuthKind.None or HttpAuthKind.Bearer ? null : Blank(AuthName)),
        ConnectionKind.Kafka => new KafkaSettings(BootstrapServers!.Trim(), SecurityProtocol, Blank(SaslMechanism), Blank(SaslMechanism) is null ? null : Blank(Username)),
        ConnectionKind.AzureBlob => new AzureBlobSettings(Container!.Trim(), Blank(AccountUrl) is { } url ? new Uri(url) : null),
        _ => throw new InvalidOperationException($"Unknown connection kind {Kind}."),
    };

    /// <summary>The secret that will be in force after saving: the new one, none, or the stored one (null: look it up).</summary>
    public bool WillHaveSecret => SecretChange switch
    {
        SecretChange.Replace => !string.IsNullOrEmpty(NewSecret),
        SecretChange.Clear => false,
        _ => HasStoredSecret,
    };

    /// <summary>Every problem, keyed by property name, worded for the field it is shown under.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name)) errors[nameof(Name)] = "Enter a name.";
        else if (Name.Trim().Length > FieldLengths.Name) errors[nameof(Name)] = $"At most {FieldLengths.Name} characters.";
        switch (Kind)
        {
            case ConnectionKind.LocalFolder: Required(errors, nameof(Path), Path, "Enter the folder (absolute, or relative to the app's content root)."); break;
            case ConnectionKind.Sqlite: Required(errors, nameof(DataSource), DataSource, "Enter the database file."); break;
            case ConnectionKind.PostgreSql or ConnectionKind.Oracle:
                Required(errors, nameof(Host), Host, "Enter the host name.");
                Required(errors, nameof(Username), Username, "Enter the user name.");
                if (Kind == ConnectionKind.PostgreSql) Required(errors, nameof(Database), Database, "Enter the database.");
                else Required(errors, nameof(ServiceName), ServiceName, "Enter the service name.");
                if (Port is < 1 or > 65535) errors[nameof(Port)] = "A port between 1 and 65535.";
                break;
            case ConnectionKind.SqlServer:
                Required(errors, nameof(Server), Server, "Enter the server (host, host,port or host\\instance).");
                Required(errors, nameof(Database), Database, "Enter the database.");
                if (Authentication == SqlServerAuthentication.SqlPassword) Required(errors, nameof(Username), Username, "Enter the SQL login.");
                break;
            case ConnectionKind.Http:
                if (!Uri.TryCreate(BaseUrl?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                    errors[nameof(BaseUrl)] = "Enter an absolute http:// or https:// URL.";
                if (AuthKind is HttpAuthKind.Basic or HttpAuthKind.ApiKeyHeader or HttpAuthKind.ApiKeyQuery)
                    Required(errors, nameof(AuthName), AuthName, AuthKind == HttpAuthKind.Basic ? "Enter the user name." : "Enter the header or parameter name.");
                break;
            case ConnectionKind.Kafka:
                Required(errors, nameof(BootstrapServers), BootstrapServers, "Enter host:port[,host:port…].");
                if (!string.IsNullOrWhiteSpace(SaslMechanism)) Required(errors, nameof(Username), Username, Flavour == KafkaFlavour.ConfluentCloud ? "Enter the API key." : "Enter the SASL user name.");
                break;
            case ConnectionKind.AzureBlob:
                Required(errors, nameof(Container), Container, "Enter the container name.");
                if (!string.IsNullOrWhiteSpace(AccountUrl) && !(Uri.TryCreate(AccountUrl.Trim(), UriKind.Absolute, out var account) && account.Scheme is "http" or "https"))
                    errors[nameof(AccountUrl)] = "Enter https://<account>.blob.core.windows.net, or leave empty and put a connection string in the secret.";
                break;
        }
        if (UsesSecret && !WillHaveSecret && Kind is not (ConnectionKind.Kafka or ConnectionKind.Http or ConnectionKind.PostgreSql))
        {
            // PostgreSQL (trust/peer auth), HTTP and Kafka can work without one; the others cannot.
            errors[nameof(NewSecret)] = $"Enter the {SecretLabel.ToLowerInvariant()}.";
        }
        return errors;
    }

    private static void Required(Dictionary<string, string> errors, string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = message;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
