using System.Text.Json;
using System.Text.Json.Serialization;
using EtlStudio.Data.Entities;

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
        ConnectionKind.Sftp => JsonSerializer.Deserialize<SftpSettings>(json, Json),
        _ => (ConnectionSettings?)null,
    }) ?? throw new JsonException($"Connection settings for kind {kind} are empty.");
}
