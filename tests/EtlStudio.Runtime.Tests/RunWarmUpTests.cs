using System.Collections.Concurrent;
using EtlStudio.Testing;
using EtlStudio.Web.Runs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EtlStudio.Runtime.Tests;

/// <summary>The warm-up of the run path at start (issue #14, cold start): it runs once the app has started, leaves
/// nothing behind, and a failure in it is a warning, never a stopped app.</summary>
public sealed class RunWarmUpTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task The_warm_up_runs_after_start_and_leaves_no_run_log_line_audit_entry_job_or_lock_behind(string storage)
    {
        var log = new CapturedLog();
        await using var app = await RuntimeApp.CreateAsync(postgres: storage == "sqlite" ? null : await postgres.CreateDatabaseAsync("warmup"), start: false,
            services: s => s.AddSingleton<ILoggerProvider>(log).AddLogging(b => b.AddFilter<CapturedLog>(typeof(RunWarmUp).FullName, LogLevel.Information)));
        var group = await TestData.GroupAsync(app);
        await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var before = await TraceAsync(app);

        await app.StartAsync();
        await WarmUpOf(app).ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Run path warmed up in ", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(before, await TraceAsync(app));
        var monitoring = app.Get<JobStorage>().GetMonitoringApi();
        Assert.Equal(0, monitoring.EnqueuedCount("default") + monitoring.ScheduledCount() + monitoring.ProcessingCount() + monitoring.SucceededListCount() + monitoring.FailedCount());
        // Its flow lock was released: another taker gets it at once.
        await using var flowLock = await FlowLock.TryAcquireAsync(app.Get<JobStorage>(), 0, TimeSpan.Zero, NullLogger.Instance, Ct);
        Assert.NotNull(flowLock);
    }

    [Fact]
    public async Task A_failing_warm_up_is_logged_as_a_warning_and_the_app_keeps_running()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var log = new CapturedLog();
        // A scope without the run path: resolving the orchestrator fails, as a broken registration or database would.
        await using var empty = new ServiceCollection().BuildServiceProvider();
        var warmUp = new RunWarmUp(empty, app.Get<IHostApplicationLifetime>(), log.CreateLogger<RunWarmUp>());

        await warmUp.StartAsync(Ct);
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(warmUp.ExecuteTask.IsCompletedSuccessfully);
        var warning = Assert.Single(log.Entries);
        Assert.Equal((LogLevel.Warning, "Warming up the run path failed; the first run compiles it instead"), (warning.Level, warning.Message));
        Assert.IsType<InvalidOperationException>(warning.Exception);
        Assert.False(app.Get<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        // And the run path still works.
        var group = await TestData.GroupAsync(app);
        var (flow, _, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var run = await app.WaitForEndAsync(await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, Data.Entities.RunTrigger.Manual, Ct));
        Assert.Equal(Data.Entities.RunStatus.Succeeded, run.Status);
    }

    private static RunWarmUp WarmUpOf(RuntimeApp app) => Assert.Single(app.Get<IEnumerable<IHostedService>>().OfType<RunWarmUp>());

    private static async Task<(int Runs, int Logs, int Steps, int Artifacts, int Rejects, int Partitions, int Audit)> TraceAsync(RuntimeApp app)
    {
        await using var db = await app.DbAsync();
        return (await db.Runs.CountAsync(Ct), await db.RunLogs.CountAsync(Ct), await db.RunSteps.CountAsync(Ct), await db.RunArtifacts.CountAsync(Ct),
            await db.RejectedRows.CountAsync(Ct), await db.RunPartitions.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct));
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();

        public IReadOnlyCollection<(LogLevel Level, string Message, Exception? Exception)> Entries => _entries;

        public ILogger<T> CreateLogger<T>() => new Logger<T>(new LoggerFactory([this]));
        public ILogger CreateLogger(string categoryName) => categoryName == typeof(RunWarmUp).FullName ? this : NullLogger.Instance;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception), exception));
        public void Dispose() { }
    }
}
