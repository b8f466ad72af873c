using System.Text.Json;
using System.Text.Json.Serialization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Security;

namespace EtlStudio.Web.Flows;

/// <summary>The engine's source and destination definitions of an unsaved flow, its connections loaded, secrets
/// unprotected here and nowhere else in the portal.</summary>
/// <remarks>Connection strings and HTTP requests come from the runtime's <see cref="ConnectionStrings"/> and
/// <see cref="HttpSource"/>, so a preview reaches the source exactly as a run does. Unlike the runtime's
/// FlowDefinitionFactory it accepts a flow without columns or destination yet (the designer previews before those exist).</remarks>
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
            AzureBlobSettings blob => new FileSourceDefinition { Location = blob.Container, Pattern = pattern, BlobConnectionString = ConnectionStrings.Blob(blob, Secret(connection)) },
            HttpSettings http => HttpSource.Create(flow, http, Secret(connection), Json),
            KafkaSettings => throw new EtlDataException("a Kafka topic cannot be sampled from the designer: upload a sample message instead"),
            _ => new DatabaseSourceDefinition
            {
                Provider = ConnectionStrings.Provider(connection.Kind),
                ConnectionString = ConnectionStrings.Database(settings, Secret(connection), environment.ContentRootPath),
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
            Provider = ConnectionStrings.Provider(connection.Kind),
            ConnectionString = ConnectionStrings.Database(ConnectionSettings.FromJson(connection.Kind, connection.Settings), Secret(connection), environment.ContentRootPath),
            Table = string.IsNullOrWhiteSpace(flow.DestinationTable) ? throw new EtlDataException("enter the destination table first") : flow.DestinationTable.Trim(),
            Mode = flow.LoadMode,
            KeyColumns = (flow.KeyColumns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            CommandTimeoutSeconds = 30,
        };
    }

    private string? Secret(Connection connection) => string.IsNullOrEmpty(connection.Secret) ? null
        : (services.GetService<ISecretProtector>() ?? throw new EtlDataException($"connection '{connection.Name}' has a secret, and this server has no secret protector configured to read it"))
            .Unprotect(connection.Secret);
}
