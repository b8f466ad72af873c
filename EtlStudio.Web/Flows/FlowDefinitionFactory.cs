using System.Text.Json;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>Turns a flow, its connections and its column mappings into the engine's definitions: the whole
/// <see cref="FlowDefinition"/> of a saved flow for a run (incremental cursor included), or the source and destination of
/// a designer draft (<see cref="FlowDefinitionMode.Draft"/>), so a preview reaches the source exactly as a run does.</summary>
internal sealed class FlowDefinitionFactory(IDbContextFactory<EtlDbContext> contexts, IHostEnvironment environment, ISecretProtector secrets)
{
    private const int DraftCommandTimeoutSeconds = 30;


    internal async Task<StoredFlow> LoadAsync(int flowId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.AsNoTracking().Include(f => f.Group).Include(f => f.SourceConnection).Include(f => f.DestinationConnection)
            .Include(f => f.Columns).AsSplitQuery().FirstOrDefaultAsync(f => f.Id == flowId, cancellationToken)
            ?? throw new EtlDataException($"flow {flowId} no longer exists");
        var lookupIds = FlowLookups.ConnectionIds(flow);
        var lookupConnections = lookupIds.Count == 0 ? new Dictionary<int, Connection>()
            : await db.Connections.AsNoTracking().Where(c => lookupIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return new StoredFlow(flow, Create(flow, lookupConnections), string.IsNullOrWhiteSpace(flow.CursorField) ? null : flow.CursorField.Trim());
    }

    /// <summary>The engine definition of <paramref name="flow"/> (connections and columns loaded;
    /// <paramref name="lookupConnections"/>: the connections its lookups name, by id). Configuration problems are
    /// <see cref="EtlDataException"/>s naming the flow and the setting: retrying does not fix them.</summary>
    public FlowDefinition Create(Flow flow, IReadOnlyDictionary<int, Connection>? lookupConnections = null)
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
            Expression = c.Expression,
            Length = c.Length,
        }).ToList();
        if (columns.Count == 0) throw Problem(flow, "has no column mappings");
        return new FlowDefinition
        {
            Name = flow.Name,
            Source = Source(flow, FlowDefinitionMode.Run, columns),
            Parse = Parse(flow),
            Columns = columns,
            Filter = string.IsNullOrWhiteSpace(flow.Filter) ? null : flow.Filter,
            Lookups = Lookups(flow, lookupConnections ?? new Dictionary<int, Connection>()),
            UnmappedFields = flow.UnmappedFields,
            Destination = Destination(flow, FlowDefinitionMode.Run),
            RejectThreshold = new RejectThreshold(flow.RejectThresholdCount, flow.RejectThresholdPercent),
            StagingEnabled = flow.StagingEnabled,
            LoadParallelism = flow.LoadParallelism,
            AllowEmptyReplace = flow.AllowEmptyReplace,
        };
    }

    /// <summary>The lookups of <paramref name="flow"/>, built from <paramref name="lookupConnections"/> (by id).</summary>
    public IReadOnlyList<LookupDefinition> Lookups(Flow flow, IReadOnlyDictionary<int, Connection> lookupConnections) =>
        new FlowLookups(this, flow, lookupConnections).Create();

    /// <summary>The source of <paramref name="flow"/> (its source connection loaded). A draft's source starts an
    /// incremental query from the beginning.</summary>
    public SourceDefinition Source(Flow flow, FlowDefinitionMode mode) => Source(flow, mode, []);

    private SourceDefinition Source(Flow flow, FlowDefinitionMode mode, IReadOnlyList<ColumnMap> columns)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var connection = flow.SourceConnection ?? throw Missing(flow, mode, "has no source connection", "pick a source connection first");
        if (Files(flow, connection, Pattern(flow)) is { } files) return files;
        var settings = Settings(flow, connection);
        return settings switch
        {
            HttpSettings http => HttpSource.Create(flow, http, Secret(connection)),
            KafkaSettings when mode == FlowDefinitionMode.Draft => throw new EtlDataException("a Kafka topic cannot be sampled from the designer: upload a sample message instead"),
            KafkaSettings => new MessageSourceDefinition { Messages = [] },
            _ => Database(flow, mode, connection, columns),
        };
    }

    private DatabaseSourceDefinition Database(Flow flow, FlowDefinitionMode mode, Connection connection, IReadOnlyList<ColumnMap> columns)
    {
        var source = Query(flow, connection, string.IsNullOrWhiteSpace(flow.SourceQuery) ? throw Missing(flow, mode, "has no source query", "enter the source query first") : flow.SourceQuery);
        if (mode == FlowDefinitionMode.Run) return source with { Parameters = CursorParameters(flow, columns) };
        // Incremental queries get the cursor as @cursor; a draft's preview starts from the beginning.
        var parameters = string.IsNullOrWhiteSpace(flow.CursorField) ? new Dictionary<string, object?>() : new() { ["cursor"] = null };
        return source with { Parameters = parameters, CommandTimeoutSeconds = DraftCommandTimeoutSeconds };
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
            return FlowSettingsJson.ReadParse(flow.ParseOptions, flow.ParseFormat);
        }
        catch (JsonException e)
        {
            throw Problem(flow, $"parse options are not valid JSON: {e.Message}");
        }
    }

    /// <summary>The destination of <paramref name="flow"/> (its destination connection loaded).</summary>
    public DestinationDefinition Destination(Flow flow, FlowDefinitionMode mode)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var connection = flow.DestinationConnection ?? throw Missing(flow, mode, "has no destination connection", "pick a destination connection first");
        var destination = new DestinationDefinition
        {
            Provider = ConnectionStrings.Provider(connection.Kind),
            ConnectionString = ConnectionStrings.Database(Settings(flow, connection), Secret(connection), environment.ContentRootPath),
            Table = string.IsNullOrWhiteSpace(flow.DestinationTable) ? throw Missing(flow, mode, "has no destination table", "enter the destination table first") : flow.DestinationTable.Trim(),
            Mode = flow.LoadMode,
            KeyColumns = (flow.KeyColumns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            CreateIfMissing = flow.CreateIfMissing,
        };
        return mode == FlowDefinitionMode.Draft ? destination with { CommandTimeoutSeconds = DraftCommandTimeoutSeconds } : destination;
    }

    private static string Pattern(Flow flow) => string.IsNullOrWhiteSpace(flow.SourcePath) ? "*" : flow.SourcePath.Trim();

    /// <summary>A file source of <paramref name="connection"/> (local folder, Azure Blob or SFTP) with <paramref name="pattern"/>,
    /// or null for another kind.</summary>
    internal FileSourceDefinition? Files(Flow flow, Connection connection, string pattern) => Settings(flow, connection) switch
    {
        LocalFolderSettings folder => new FileSourceDefinition { Location = Path.GetFullPath(folder.Path, environment.ContentRootPath), Pattern = pattern },
        AzureBlobSettings blob => new FileSourceDefinition { Location = blob.Container, Pattern = pattern, BlobConnectionString = ConnectionStrings.Blob(blob, Secret(connection)) },
        SftpSettings sftp => new FileSourceDefinition
        {
            Location = sftp.Folder ?? "", Pattern = pattern, Sftp = sftp.ToEndpoint(Secret(connection)), AfterLoad = flow.AfterLoad, AfterLoadFolder = flow.AfterLoadFolder,
        },
        _ => null,
    };

    /// <summary>A query of <paramref name="connection"/>, which must be a database (the caller checked its kind).</summary>
    internal DatabaseSourceDefinition Query(Flow flow, Connection connection, string query) => new()
    {
        Provider = ConnectionStrings.Provider(connection.Kind),
        ConnectionString = ConnectionStrings.Database(Settings(flow, connection), Secret(connection), environment.ContentRootPath),
        Query = query,
    };

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

    private string? Secret(Connection connection) => ConnectionSecrets.Reveal(secrets, connection);

    /// <summary>A setting a run needs names the flow; a draft's user is looking at it, so the draft says what to do.</summary>
    private static EtlDataException Missing(Flow flow, FlowDefinitionMode mode, string run, string draft) =>
        mode == FlowDefinitionMode.Draft ? new EtlDataException(draft) : Problem(flow, run);

    internal static EtlDataException Problem(Flow flow, string what) => new($"flow '{flow.Name}' {what}");
}
