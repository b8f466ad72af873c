using System.Text.Json;
using System.Text.Json.Serialization;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>A stored flow as the runtime needs it: the engine definition plus what the engine does not know.</summary>
/// <param name="CursorColumn">Mapped column whose largest loaded value becomes the flow's cursor; null when not incremental.</param>
internal sealed record StoredFlow(Flow Flow, FlowDefinition Definition, string? CursorColumn);

/// <summary>Turns a stored flow, its connections and its column mappings into the engine's <see cref="FlowDefinition"/>,
/// resolving connection secrets (the only place that unprotects them) and the incremental cursor.</summary>
/// <remarks>The secret protector is optional so the runtime starts before security is configured; a run that needs a
/// secret then fails naming the connection instead of the job failing to activate (and its run staying Queued).</remarks>
internal sealed class FlowDefinitionFactory(IDbContextFactory<EtlDbContext> contexts, IHostEnvironment environment, ISecretProtector? secrets = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    internal async Task<StoredFlow> LoadAsync(int flowId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.AsNoTracking().Include(f => f.Group).Include(f => f.SourceConnection).Include(f => f.DestinationConnection)
            .Include(f => f.Columns).AsSplitQuery().FirstOrDefaultAsync(f => f.Id == flowId, cancellationToken)
            ?? throw new EtlDataException($"flow {flowId} no longer exists");
        return new StoredFlow(flow, Create(flow), string.IsNullOrWhiteSpace(flow.CursorField) ? null : flow.CursorField.Trim());
    }

    /// <summary>The engine definition of <paramref name="flow"/> (connections and columns loaded). Configuration
    /// problems are <see cref="EtlDataException"/>s naming the flow and the setting: retrying does not fix them.</summary>
    public FlowDefinition Create(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var columns = flow.Columns.OrderBy(c => c.Order).Select(c => new ColumnMap
        {
            SourceField = c.SourceField,
            TargetColumn = c.TargetColumn,
            Type = c.TargetType,
            Precision = c.Precision,
            Scale = c.Scale,
            Format = c.Format,
            Culture = c.Culture,
            Default = c.DefaultValue,
            Required = c.Required,
            Optional = c.Optional,
            Trim = c.Trim,
            Derived = c.Derived,
        }).ToList();
        if (columns.Count == 0) throw Problem(flow, "has no column mappings");
        return new FlowDefinition
        {
            Name = flow.Name,
            Source = Source(flow, columns),
            Parse = Parse(flow),
            Columns = columns,
            Destination = Destination(flow),
            RejectThreshold = new RejectThreshold(flow.RejectThresholdCount, flow.RejectThresholdPercent),
            StagingEnabled = flow.StagingEnabled,
            LoadParallelism = flow.LoadParallelism,
            AllowEmptyReplace = flow.AllowEmptyReplace,
        };
    }

    private SourceDefinition Source(Flow flow, IReadOnlyList<ColumnMap> columns)
    {
        var connection = flow.SourceConnection ?? throw Problem(flow, "has no source connection");
        var settings = Settings(flow, connection);
        return settings switch
        {
            LocalFolderSettings folder => new FileSourceDefinition { Location = Path.GetFullPath(folder.Path, environment.ContentRootPath), Pattern = Pattern(flow) },
            AzureBlobSettings blob => new FileSourceDefinition { Location = blob.Container, Pattern = Pattern(flow), BlobConnectionString = ConnectionStrings.Blob(blob, Secret(connection)) },
            HttpSettings http => HttpSource.Create(flow, http, Secret(connection), Json),
            KafkaSettings => new MessageSourceDefinition { Messages = [] },
            _ => new DatabaseSourceDefinition
            {
                Provider = ConnectionStrings.Provider(connection.Kind),
                ConnectionString = ConnectionStrings.Database(settings, Secret(connection), environment.ContentRootPath),
                Query = string.IsNullOrWhiteSpace(flow.SourceQuery) ? throw Problem(flow, "has no source query") : flow.SourceQuery,
                Parameters = CursorParameters(flow, columns),
            },
        };
    }

    private static Dictionary<string, object?> CursorParameters(Flow flow, IReadOnlyList<ColumnMap> columns)
    {
        if (string.IsNullOrWhiteSpace(flow.CursorField)) return [];
        var column = columns.FirstOrDefault(c => string.Equals(c.TargetColumn, flow.CursorField.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw Problem(flow, $"cursor field '{flow.CursorField}' is not one of its target columns");
        try
        {
            return new() { ["cursor"] = FlowCursor.ToParameter(flow.CursorValue, column.Type) };
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw Problem(flow, $"cursor value '{flow.CursorValue}' does not fit column '{column.TargetColumn}' ({column.Type}): {e.Message} Reset the cursor.");
        }
    }

    private static ParseDefinition Parse(Flow flow)
    {
        try
        {
            var parse = string.IsNullOrWhiteSpace(flow.ParseOptions) ? new ParseDefinition() : JsonSerializer.Deserialize<ParseDefinition>(flow.ParseOptions, Json) ?? new();
            return parse with { Format = flow.ParseFormat };
        }
        catch (JsonException e)
        {
            throw Problem(flow, $"parse options are not valid JSON: {e.Message}");
        }
    }

    private DestinationDefinition Destination(Flow flow)
    {
        var connection = flow.DestinationConnection ?? throw Problem(flow, "has no destination connection");
        return new DestinationDefinition
        {
            Provider = ConnectionStrings.Provider(connection.Kind),
            ConnectionString = ConnectionStrings.Database(Settings(flow, connection), Secret(connection), environment.ContentRootPath),
            Table = string.IsNullOrWhiteSpace(flow.DestinationTable) ? throw Problem(flow, "has no destination table") : flow.DestinationTable.Trim(),
            Mode = flow.LoadMode,
            KeyColumns = (flow.KeyColumns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    private static string Pattern(Flow flow) => string.IsNullOrWhiteSpace(flow.SourcePath) ? "*" : flow.SourcePath.Trim();

    private static ConnectionSettings Settings(Flow flow, Connection connection)
    {
        try
        {
            return ConnectionSettings.FromJson(connection.Kind, connection.Settings);
        }
        catch (JsonException e)
        {
            throw Problem(flow, $"connection '{connection.Name}' has unreadable settings: {e.Message}");
        }
    }

    private string? Secret(Connection connection) => string.IsNullOrEmpty(connection.Secret)
        ? null
        : (secrets ?? throw new EtlDataException($"connection '{connection.Name}' has a secret but no secret protector is registered to read it"))
            .Unprotect(connection.Secret);

    internal static EtlDataException Problem(Flow flow, string what) => new($"flow '{flow.Name}' {what}");
}
