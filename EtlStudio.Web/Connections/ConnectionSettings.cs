using System.Text.Json;
using System.Text.Json.Serialization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Connections;

/// <summary>The non-secret part of a connection, stored as JSON in <see cref="Connection.Settings"/>, one record per
/// <see cref="ConnectionKind"/>. Passwords, keys and tokens never go here: they live in <see cref="Connection.Secret"/>.
/// Relative paths are relative to the web app's content root.</summary>
public abstract record ConnectionSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // Kind and Summary are derived, not stored.
        IgnoreReadOnlyProperties = true,
    };

    public abstract ConnectionKind Kind { get; }

    /// <summary>One line for lists: where it points, never the secret.</summary>
    public abstract string Summary { get; }

    public string ToJson() => JsonSerializer.Serialize(this, GetType(), Json);

    public static ConnectionSettings FromJson(ConnectionKind kind, string json) => (kind switch
    {
        ConnectionKind.LocalFolder => JsonSerializer.Deserialize<LocalFolderSettings>(json, Json),
        ConnectionKind.Sqlite => JsonSerializer.Deserialize<SqliteSettings>(json, Json),
        ConnectionKind.PostgreSql => JsonSerializer.Deserialize<PostgreSqlSettings>(json, Json),
        ConnectionKind.SqlServer => JsonSerializer.Deserialize<SqlServerSettings>(json, Json),
        ConnectionKind.Oracle => JsonSerializer.Deserialize<OracleSettings>(json, Json),
        ConnectionKind.Http => JsonSerializer.Deserialize<HttpSettings>(json, Json),
        ConnectionKind.Kafka => JsonSerializer.Deserialize<KafkaSettings>(json, Json),
        ConnectionKind.AzureBlob => JsonSerializer.Deserialize<AzureBlobSettings>(json, Json),
        _ => (ConnectionSettings?)null,
    }) ?? throw new JsonException($"Connection settings for kind {kind} are empty.");
}

public sealed record LocalFolderSettings(string Path) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.LocalFolder;
    public override string Summary => Path;
}

public sealed record SqliteSettings(string DataSource) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Sqlite;
    public override string Summary => DataSource;
}

public sealed record PostgreSqlSettings(string Host, string Database, string Username, int Port = 5432, string SslMode = "Prefer") : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.PostgreSql;
    public override string Summary => $"{Username}@{Host}:{Port}/{Database}";
}

public enum SqlServerAuthentication { SqlPassword, ActiveDirectoryManagedIdentity, ActiveDirectoryDefault }

/// <summary>SQL Server or Azure SQL. <see cref="Username"/> only for <see cref="SqlServerAuthentication.SqlPassword"/>.</summary>
public sealed record SqlServerSettings(string Server, string Database, string? Username,
    SqlServerAuthentication Authentication = SqlServerAuthentication.SqlPassword, bool Encrypt = true, bool TrustServerCertificate = false) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.SqlServer;
    public override string Summary => $"{Username ?? Authentication.ToString()}@{Server}/{Database}";
}

public sealed record OracleSettings(string Host, string ServiceName, string Username, int Port = 1521) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Oracle;
    public override string Summary => $"{Username}@{Host}:{Port}/{ServiceName}";
}

/// <summary>HTTP API. <see cref="AuthName"/> is the Basic user name or the API key's header/query parameter name.</summary>
public sealed record HttpSettings(Uri BaseUrl, HttpAuthKind AuthKind = HttpAuthKind.None, string? AuthName = null) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Http;
    public override string Summary => $"{BaseUrl} ({AuthKind})";
}

public sealed record KafkaSettings(string BootstrapServers, string SecurityProtocol = "Plaintext", string? SaslMechanism = null, string? Username = null) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Kafka;
    public override string Summary => $"{BootstrapServers} ({SecurityProtocol})";
}

/// <summary>Azure Blob container: <see cref="AccountUrl"/> (https://account.blob.core.windows.net) with the account key or
/// SAS in the secret, or no URL and a full storage connection string in the secret.</summary>
public sealed record AzureBlobSettings(string Container, Uri? AccountUrl = null) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.AzureBlob;
    public override string Summary => AccountUrl is null ? Container : $"{AccountUrl}{Container}";
}
