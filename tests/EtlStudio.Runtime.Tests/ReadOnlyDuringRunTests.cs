using System.Collections.Concurrent;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EtlStudio.Runtime.Tests;

/// <summary>The configuration database turns read-only while a run executes: the run's own record cannot say why it
/// stopped, so the log must.</summary>
public sealed class ReadOnlyDuringRunTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_whose_configuration_database_turns_read_only_logs_its_failed_heartbeats_and_why_its_end_was_not_recorded()
    {
        var database = await postgres.CreateDatabaseAsync("rorun");
        var log = new CapturedLog();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var source = new TestHttpServer(async (_, _, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return (200, """[{"id": 1, "name": "a"}]""");
        });
        await using var app = await RuntimeApp.CreateAsync(postgres: database, services: s => s.AddSingleton<ILoggerProvider>(log));
        var group = await TestData.GroupAsync(app);
        var http = await TestData.ConnectionAsync(app, new HttpSettings(source.BaseUrl));
        var destination = Path.Combine(app.Root, "ro-dst.db");
        await Sqlite.ExecAsync(destination, "CREATE TABLE target (id INTEGER, name TEXT)");
        var flow = await TestData.FlowAsync(app, group, http, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
        {
            f.SourcePath = "items";
            f.ParseFormat = ParseFormat.Json;
        });
        var runId = await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        await app.WaitForRunAsync(runId, r => r.Status == RunStatus.Running);
        // Past its "Started" log line: the run is reading its source, and beats.
        while (!(await app.RunLogAsync(runId)).Any(m => m.StartsWith("Started", StringComparison.Ordinal))) await Task.Delay(50, Ct);

        (LogLevel Level, string Message, Exception? Exception) heartbeat, end;
        await SetReadOnlyAsync(database, true);
        try
        {
            heartbeat = await log.WaitForAsync(e => e.Message == $"Heartbeat of run {runId} could not be written");
            gate.SetResult();
            end = await log.WaitForAsync(e => e.Message.StartsWith($"Run {runId} of flow {flow.Name} could not record its end", StringComparison.Ordinal));
        }
        finally
        {
            await SetReadOnlyAsync(database, false);
            gate.TrySetResult();
        }

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, Assert.IsType<PostgresException>(heartbeat.Exception).SqlState);
        Assert.Equal(LogLevel.Error, end.Level);
        Assert.Contains("in a read-only transaction", end.Message, StringComparison.Ordinal);
        Assert.Contains("Database:ConnectionString", end.Message, StringComparison.Ordinal);
        Assert.Equal([(1L, "a")], await Sqlite.RowsAsync(destination));
        Assert.Equal(RunStatus.Running, (await app.RunAsync(runId)).Status);
    }

    /// <summary>Makes the configuration tables refuse every write with PostgreSQL's read-only error (25006), as a
    /// standby does; Hangfire's tables, in their own schema of the same database, stay writable, so its server and
    /// locks still work and only the run records fail.</summary>
    private static async Task SetReadOnlyAsync(string database, bool readOnly)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(readOnly
            ? """
              CREATE OR REPLACE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'cannot execute % in a read-only transaction', TG_OP USING ERRCODE = '25006'; END $$;
              DO $$ DECLARE t text; BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' LOOP
                  EXECUTE format('CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE OR DELETE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION refuse_writes()', t);
                END LOOP; END $$;
              """
            : """
              DO $$ DECLARE t text; BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' LOOP
                  EXECUTE format('DROP TRIGGER IF EXISTS refuse_writes ON public.%I', t);
                END LOOP; END $$;
              """, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();

        public async Task<(LogLevel Level, string Message, Exception? Exception)> WaitForAsync(Func<(LogLevel Level, string Message, Exception? Exception), bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                foreach (var entry in _entries)
                {
                    if (match(entry)) return entry;
                }
                if (DateTime.UtcNow > deadline) Assert.Fail($"No such log entry after 30 s; logged: {string.Join(" | ", _entries.Select(e => e.Message))}");
                await Task.Delay(100, Ct);
            }
        }

        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception), exception));
        public void Dispose() { }
    }
}
