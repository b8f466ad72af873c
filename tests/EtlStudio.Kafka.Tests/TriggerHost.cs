using System.Text.Json;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Testing;
using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>A configuration database (SQLite file) with a Kafka connection to the mock cluster, and app hosts wired
/// like the portal (<c>AddEtlStudioData</c> + <c>AddKafkaTriggers</c>) that can be started and stopped over it.</summary>
internal sealed class TriggerHost : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etlkafka.").FullName;
    private readonly KafkaMockCluster _kafka;
    private readonly IHost _data;
    private readonly string? _postgresConfig;
    private IHost? _app;
    private int _flowId;

    private TriggerHost(KafkaMockCluster kafka, string? postgresConfig)
    {
        _kafka = kafka;
        _postgresConfig = postgresConfig;
        // The database alone, for the test's own reads and writes, as another portal instance would do them.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _root });
        builder.Configuration.AddInMemoryCollection(DatabaseSettings);
        builder.AddEtlStudioData();
        _data = builder.Build();
    }

    /// <summary>A host over a SQLite configuration database, or over the PostgreSQL database <paramref name="postgresConfig"/>
    /// (which then holds the Hangfire storage too, as it does for instances that share one configuration).</summary>
    public static async Task<TriggerHost> CreateAsync(KafkaMockCluster kafka, string? postgresConfig = null)
    {
        var host = new TriggerHost(kafka, postgresConfig);
        await host._data.Services.InitializeEtlStudioDatabaseAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public LogCapture Logs { get; private set; } = new();

    public string BootstrapServers => _kafka.BootstrapServers;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The app is not started.");

    public KafkaHealth Health => Services.GetRequiredService<KafkaHealth>();

    /// <summary>The SQLite configuration database, for another process to host the triggers over.</summary>
    public string DatabaseFile => Path.Combine(_root, "etl.db");

    private Dictionary<string, string?> DatabaseSettings => new()
    {
        ["Database:Provider"] = _postgresConfig is null ? "Sqlite" : "PostgreSql",
        ["Database:ConnectionString"] = _postgresConfig ?? $"Data Source={DatabaseFile}",
    };

    /// <summary>Starts an app over the database; <paramref name="runner"/> null leaves the runner unregistered (or to
    /// <paramref name="configure"/>, which can add anything else the app should have).</summary>
    public async Task StartAsync(IMessageBatchRunner? runner, Action<IHostApplicationBuilder>? configure = null)
    {
        if (_app is not null) throw new InvalidOperationException("Stop the running app first.");
        Logs = new LogCapture();
        _app = await StartInstanceAsync(runner, Logs, configure);
    }

    /// <summary>Starts one more app instance over the same database (another node of the cluster); the caller stops and
    /// disposes it.</summary>
    public async Task<IHost> StartInstanceAsync(IMessageBatchRunner? runner, LogCapture logs, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _root });
        builder.Configuration.AddInMemoryCollection(DatabaseSettings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:TriggerPollSeconds"] = "1",
            ["Kafka:RetryInitialMs"] = "50",
            ["Kafka:RetryMaxMs"] = "400",
        });
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<ISecretProtector, PassThroughSecrets>();
        if (runner is not null) builder.Services.AddSingleton(runner);
        builder.AddEtlStudioData();
        configure?.Invoke(builder);
        builder.AddKafkaTriggers();
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync(CancellationToken.None);
        _app.Dispose();
        _app = null;
    }

    /// <summary>Saves an enabled trigger on a flow of its own, reading the mock cluster unless other connection
    /// settings are given. One consumer unless <paramref name="maxParallelPartitions"/> says more: these tests pin one
    /// consumer's loop (batches, rewinds, offsets); <see cref="PartitionParallelismTests"/> runs several.</summary>
    public async Task<KafkaTrigger> AddTriggerAsync(
        string topic, string? deadLetterTopic = null, int batchSize = 100, int batchWindowMs = 200, object? settings = null, string? secret = null,
        int maxParallelPartitions = 1)
    {
        var now = DateTime.UtcNow;
        var connection = new Connection
        {
            Name = KafkaMockCluster.UniqueName("kafka"), Kind = ConnectionKind.Kafka, Secret = secret, CreatedUtc = now, UpdatedUtc = now,
            Settings = JsonSerializer.Serialize(settings ?? new { bootstrapServers = _kafka.BootstrapServers }),
        };
        var group = new Group { Name = KafkaMockCluster.UniqueName("group"), CreatedUtc = now, UpdatedUtc = now };
        var flow = new Flow { Group = group, Name = $"flow-{Interlocked.Increment(ref _flowId)}", CreatedUtc = now, UpdatedUtc = now };
        var trigger = new KafkaTrigger
        {
            Connection = connection, Flow = flow, Topic = topic, ConsumerGroup = KafkaMockCluster.UniqueName("etl"), BatchSize = batchSize,
            BatchWindowMs = batchWindowMs, DeadLetterTopic = deadLetterTopic, MaxParallelPartitions = maxParallelPartitions, CreatedUtc = now, UpdatedUtc = now,
        };
        await SaveAsync(trigger);
        return trigger;
    }

    /// <summary>Saves entities (a whole flow, say) in a context of their own, as a portal request would.</summary>
    public async Task SaveAsync(params object[] entities)
    {
        await using var db = await OpenAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Edits a trigger as the portal would: change it, bump <c>UpdatedUtc</c>, save.</summary>
    public async Task UpdateTriggerAsync(int triggerId, Action<KafkaTrigger> change)
    {
        await using var db = await OpenAsync();
        var trigger = await db.KafkaTriggers.SingleAsync(t => t.Id == triggerId, TestContext.Current.CancellationToken);
        change(trigger);
        trigger.UpdatedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private Task<EtlDbContext> OpenAsync() =>
        _data.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _data.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
