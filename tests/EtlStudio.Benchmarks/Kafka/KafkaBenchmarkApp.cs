using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Kafka.Tests;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Hosting;
using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>The web app's own wiring for triggers (<c>AddEtlStudioData</c>, <c>AddKafkaTriggers</c>, <c>AddRuntime</c>) on a
/// SQLite configuration database in a temp folder, with one trigger on the topic and its flow into the orders table.</summary>
internal static class KafkaBenchmarkApp
{
    public static async Task<IHost> StartAsync(string root, BatchMeter meter, IMessageBatchRunner? replacement, KafkaMockCluster kafka, OrdersTable table,
        KafkaBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(root, "etl.db")}",
            ["Staging:Path"] = Path.Combine(root, "staging"),
        });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ISecretProtector, PassThroughSecrets>();
        builder.AddEtlStudioData();
        builder.AddKafkaTriggers();
        builder.AddRuntime();
        // Last registration wins: the app's runner (or the --recording 0 / --engine 0 stand-in), measured.
        builder.Services.AddTransient<IMessageBatchRunner>(sp => new MeasuringRunner(replacement ?? ActivatorUtilities.CreateInstance<MessageBatchRunner>(sp), meter));
        var app = builder.Build();
        await app.Services.InitializeEtlStudioDatabaseAsync(cancellationToken);
        await AddTriggerAsync(app.Services, kafka, table, options, cancellationToken);
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>What a user makes in the portal: the Kafka and PostgreSQL connections, a JSON flow upserting on id, its trigger.</summary>
    private static async Task AddTriggerAsync(IServiceProvider services, KafkaMockCluster kafka, OrdersTable table, KafkaBenchmarkOptions options, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var pg = new NpgsqlConnectionStringBuilder(table.ConnectionString);
        Connection Connection(string name, ConnectionSettings settings) => new() { Name = name, Kind = settings.Kind, Settings = settings.ToJson(), CreatedUtc = now, UpdatedUtc = now };
        var source = Connection("bench kafka", new KafkaSettings(kafka.BootstrapServers));
        ColumnMapping Column(int order, string name, ColumnType type, bool required = true, int? precision = null, int? scale = null) =>
            new() { Order = order, SourceField = name, TargetColumn = name, TargetType = type, Required = required, Precision = precision, Scale = scale };
        db.Add(new KafkaTrigger
        {
            Topic = "orders", ConsumerGroup = "bench", BatchSize = options.Batch, BatchWindowMs = options.WindowMs, MaxParallelPartitions = options.Parallel, CreatedUtc = now, UpdatedUtc = now,
            Connection = source,
            Flow = new Flow
            {
                Name = "orders", Group = new Group { Name = "bench" }, SourceConnection = source, SourceTopic = "orders", ParseFormat = ParseFormat.Json,
                DestinationConnection = Connection("bench warehouse", new PostgreSqlSettings(pg.Host!, pg.Database!, pg.Username!, pg.Port, "Disable")),
                DestinationTable = "orders", LoadMode = LoadMode.Upsert, KeyColumns = "id", StagingEnabled = false, CreatedUtc = now, UpdatedUtc = now,
                Columns =
                [
                    Column(0, "id", ColumnType.Long), Column(1, "customer", ColumnType.String), Column(2, "amount", ColumnType.Decimal, precision: 12, scale: 2),
                    Column(3, "placed", ColumnType.DateTimeOffset), Column(4, "note", ColumnType.String, required: false),
                ],
            },
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
