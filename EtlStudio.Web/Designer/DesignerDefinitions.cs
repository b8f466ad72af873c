using System.Text.Json;
using System.Text.Json.Serialization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Security;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EtlStudio.Web.Designer;

/// <summary>The engine's source and destination definitions of an unsaved flow, its connections loaded, secrets
/// unprotected here and nowhere else in the portal.</summary>
/// <remarks>Stand-in until the runtime's FlowDefinitionFactory (branch runtime, Jobs/) is on main: then the designer
/// calls it instead, so preview and run resolve connections with one piece of code.</remarks>
internal sealed class DesignerDefinitions(IServiceProvider services, IHostEnvironment environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public SourceDefinition Source(Flow flow)
    {
        var connection = flow.SourceConnection ?? throw new EtlDataException("pick a source connection first");
        var settings = ConnectionSettings.FromJson(connection.Kind, connection.Settings);
        var pattern = string.IsNullOrWhiteSpace(flow.SourcePath) ? "*" : flow.SourcePath.Trim();
        return settings switch
        {
            LocalFolderSettings folder => new FileSourceDefinition { Location = Path.GetFullPath(folder.Path, environment.ContentRootPath), Pattern = pattern },
            AzureBlobSettings blob => new FileSourceDefinition { Location = blob.Container, Pattern = pattern, BlobConnectionString = Blob(blob, Secret(connection)) },
            HttpSettings http => Http(flow, http, Secret(connection)),
            KafkaSettings => throw new EtlDataException("a Kafka topic cannot be sampled from the designer: upload a sample message instead"),
            _ => new DatabaseSourceDefinition
            {
                Provider = Provider(connection.Kind),
                ConnectionString = Database(settings, Secret(connection)),
                Query = string.IsNullOrWhiteSpace(flow.SourceQuery) ? throw new EtlDataException("enter the source query first") : flow.SourceQuery,
                // Incremental queries get the cursor as @cursor; the preview starts from the beginning.
                Parameters = string.IsNullOrWhiteSpace(flow.CursorField) ? new Dictionary<string, object?>() : new() { ["cursor"] = null },
                CommandTimeoutSeconds = 30,
            },
        };
    }

    public DestinationDefinition Destination(Flow flow)
    {
        var connection = flow.DestinationConnection ?? throw new EtlDataException("pick a destination connection first");
        return new DestinationDefinition
        {
            Provider = Provider(connection.Kind),
            ConnectionString = Database(ConnectionSettings.FromJson(connection.Kind, connection.Settings), Secret(connection)),
            Table = string.IsNullOrWhiteSpace(flow.DestinationTable) ? throw new EtlDataException("enter the destination table first") : flow.DestinationTable.Trim(),
            Mode = flow.LoadMode,
            KeyColumns = (flow.KeyColumns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            CommandTimeoutSeconds = 30,
        };
    }

    private static HttpSourceDefinition Http(Flow flow, HttpSettings http, string? secret)
    {
        var path = (flow.SourcePath ?? "").Replace("{cursor}", "", StringComparison.Ordinal);
        var baseUrl = http.BaseUrl.ToString().EndsWith('/') || path.Length == 0 ? http.BaseUrl : new Uri(http.BaseUrl + "/");
        if (!Uri.TryCreate(baseUrl, path.TrimStart('/'), out var url)) throw new EtlDataException($"source path '{flow.SourcePath}' does not make a URL with {http.BaseUrl}");
        return new HttpSourceDefinition
        {
            Url = url,
            Method = string.IsNullOrWhiteSpace(flow.HttpMethod) ? "GET" : flow.HttpMethod.Trim().ToUpperInvariant(),
            Headers = Read<Dictionary<string, string>>(flow.HttpHeaders) ?? [],
            Body = flow.HttpBody?.Replace("{cursor}", "", StringComparison.Ordinal),
            Auth = new HttpAuth(http.AuthKind, http.AuthName, secret),
            Pagination = Read<HttpPagination>(flow.HttpPagination) ?? new HttpPagination(),
        };
    }

    private static T? Read<T>(string? text) where T : class => string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, Json);

    private static DatabaseProvider Provider(ConnectionKind kind) => kind switch
    {
        ConnectionKind.PostgreSql => DatabaseProvider.PostgreSql,
        ConnectionKind.SqlServer => DatabaseProvider.SqlServer,
        ConnectionKind.Oracle => DatabaseProvider.Oracle,
        ConnectionKind.Sqlite => DatabaseProvider.Sqlite,
        _ => throw new EtlDataException($"a {kind} connection is not a database"),
    };

    private string Database(ConnectionSettings settings, string? secret) => settings switch
    {
        PostgreSqlSettings p => new NpgsqlConnectionStringBuilder
        {
            Host = p.Host, Port = p.Port, Database = p.Database, Username = p.Username, Password = secret, Timeout = 8,
            SslMode = Enum.TryParse<SslMode>(p.SslMode, ignoreCase: true, out var ssl) ? ssl : SslMode.Prefer,
        }.ConnectionString,
        SqlServerSettings s => new SqlConnectionStringBuilder
        {
            DataSource = s.Server, InitialCatalog = s.Database, UserID = s.Username, Password = secret, ConnectTimeout = 8,
            Encrypt = s.Encrypt ? SqlConnectionEncryptOption.Mandatory : SqlConnectionEncryptOption.Optional, TrustServerCertificate = s.TrustServerCertificate,
        }.ConnectionString,
        SqliteSettings s => new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(s.DataSource, environment.ContentRootPath) }.ConnectionString,
        OracleSettings o => $"Data Source=//{o.Host}:{o.Port}/{o.ServiceName};User Id={o.Username};Password=\"{secret?.Replace("\"", "", StringComparison.Ordinal)}\"",
        _ => throw new EtlDataException($"a {settings.Kind} connection is not a database"),
    };

    private static string Blob(AzureBlobSettings settings, string? secret)
    {
        if (settings.AccountUrl is null) return secret ?? throw new EtlDataException("the Azure Blob connection has no connection string");
        var endpoint = settings.AccountUrl.ToString().TrimEnd('/');
        if (string.IsNullOrEmpty(secret)) throw new EtlDataException($"the Azure Blob connection to {endpoint} has no key or SAS token");
        if (secret.Contains("sig=", StringComparison.Ordinal)) return $"BlobEndpoint={endpoint};SharedAccessSignature={secret.TrimStart('?')}";
        return $"DefaultEndpointsProtocol={settings.AccountUrl.Scheme};AccountName={settings.AccountUrl.Host.Split('.')[0]};AccountKey={secret};BlobEndpoint={endpoint}";
    }

    private string? Secret(Connection connection) => string.IsNullOrEmpty(connection.Secret) ? null
        : (services.GetService<ISecretProtector>() ?? throw new EtlDataException($"connection '{connection.Name}' has a secret, and this server has no secret protector configured to read it"))
            .Unprotect(connection.Secret);
}
