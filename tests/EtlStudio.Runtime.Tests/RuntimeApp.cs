using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Hosting;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Runtime.Tests;

/// <summary>The runtime as the web app hosts it (AddEtlStudioData + AddRuntime), in a temporary content root, with
/// short heartbeats and polls so tests finish quickly. SQLite by default; pass a PostgreSQL connection string to share
/// one database (and one Hangfire storage) between several instances.</summary>
public sealed class RuntimeApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _ownsRoot;
    private bool _started;
    private bool _disposed;

    private RuntimeApp(IHost host, string root, bool ownsRoot)
    {
        _host = host;
        Root = root;
        _ownsRoot = ownsRoot;
    }

    /// <summary>Content root: SQLite databases, Hangfire's file, staging, test source and destination databases.</summary>
    public string Root { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="root">A content root shared with an earlier instance (a restart); the caller then deletes it.</param>
    /// <param name="services">Registrations after the app's own (a fault-injecting replacement wins).</param>
    public static async Task<RuntimeApp> CreateAsync(IDictionary<string, string?>? settings = null, string? postgres = null, bool start = true, string? root = null,
        Action<IServiceCollection>? services = null)
    {
        var ownsRoot = root is null;
        root ??= Directory.CreateTempSubdirectory("etl-runtime.").FullName;
        var config = new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "Sqlite" : "PostgreSql",
            ["Database:ConnectionString"] = postgres ?? "Data Source=data/etlstudio.db",
            ["Hangfire:SchedulePollingSeconds"] = "1",
            ["Hangfire:QueuePollSeconds"] = "0.2",
            ["Hangfire:WorkerCount"] = "4",
            ["Runtime:HeartbeatSeconds"] = "1",
            ["Runtime:AbandonAfterSeconds"] = "5",
            ["Runtime:CancelPollMilliseconds"] = "200",
            ["Runtime:RetryDelaySeconds"] = "0.1",
            ["Runtime:FlowLockWaitSeconds"] = "30",
            ["Portal:BaseUrl"] = "https://etl.example.test/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEtlStudioData();
        builder.AddRuntime();
        builder.Services.AddSingleton<ISecretProtector, PassThroughSecrets>();
        services?.Invoke(builder.Services);
        var app = new RuntimeApp(builder.Build(), root, ownsRoot);
        try
        {
            // As Program.cs does: every option problem at once, before anything resolves (and throws on) one of them.
            app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            await app.Services.InitializeEtlStudioDatabaseAsync();
            if (start) await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task<EtlDbContext> DbAsync() => Get<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync();

    public async Task<FlowRun> RunAsync(Guid runId)
    {
        await using var db = await DbAsync();
        return await db.Runs.AsNoTracking().FirstAsync(r => r.Id == runId);
    }

    /// <summary>Polls the run until <paramref name="done"/> holds; fails with the run's last state after the deadline.</summary>
    public async Task<FlowRun> WaitForRunAsync(Guid runId, Func<FlowRun, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await RunAsync(runId);
            if (done(run)) return run;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Run {runId} is {run.Status} (note: {run.Note}; error: {run.Error}) after {seconds} s.");
            }
            await Task.Delay(100);
        }
    }

    public Task<FlowRun> WaitForEndAsync(Guid runId, int seconds = 30) =>
        WaitForRunAsync(runId, r => r.Status is not (RunStatus.Queued or RunStatus.Running), seconds);

    public async Task<List<string>> RunLogAsync(Guid runId)
    {
        await using var db = await DbAsync();
        return await db.RunLogs.Where(l => l.RunId == runId).OrderBy(l => l.Id).Select(l => l.Message).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_started)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _host.StopAsync(stop.Token);
        }
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsRoot) return;
        for (var attempt = 0; Directory.Exists(Root); attempt++)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                // A storage thread still finishing a write after the host stopped.
                await Task.Delay(100);
            }
        }
    }

    private sealed class PassThroughSecrets : ISecretProtector
    {
        public string Protect(string secret) => secret;
        public string Unprotect(string stored) => stored;
    }
}
