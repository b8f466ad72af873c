using System.Collections.Concurrent;
using EtlStudio.Data;
using EtlStudio.Testing;
using EtlStudio.Web.Hosting;
using EtlStudio.Web.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests;

/// <summary>A configuration database that answers reads but refuses writes: SQLite opened read-only, PostgreSQL with
/// read-only transactions (as a standby has).</summary>
public sealed class ReadOnlyDatabaseTests(PostgresServer postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etl-readonly-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_only_SQLite_configuration_database_stops_the_start_with_one_line_naming_the_file_and_the_key()
    {
        var file = Path.Combine(_folder, "etlstudio.db");
        await MigrateAsync(ConfigDatabaseProvider.Sqlite, $"Data Source={file}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = _folder });
        var log = new ListLogger();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={file};Mode=ReadOnly" });
        builder.AddEtlStudioData();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        // Had the start gone on, the host would serve until stopped: stop it, so the exit code tells.
        app.Lifetime.ApplicationStarted.Register(() => _ = app.StopAsync());

        var code = await app.RunCheckedAsync(services => services.InitializeEtlStudioDatabaseAsync());

        Assert.Equal(1, code);
        var error = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.StartsWith($"EtlStudio cannot start: The Sqlite configuration database {file} is read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("Database:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Null(error.Exception);
    }

    [Fact]
    public async Task The_database_health_check_is_unhealthy_on_a_read_only_SQLite_database_and_healthy_on_a_writable_one()
    {
        var file = Path.Combine(_folder, "etlstudio.db");
        await MigrateAsync(ConfigDatabaseProvider.Sqlite, $"Data Source={file}");

        var readOnly = await CheckAsync(ConfigDatabaseProvider.Sqlite, $"Data Source={file};Mode=ReadOnly");
        var writable = await CheckAsync(ConfigDatabaseProvider.Sqlite, $"Data Source={file}");

        Assert.Equal(HealthStatus.Unhealthy, readOnly.Status);
        Assert.StartsWith("The configuration database is read-only", readOnly.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(file, readOnly.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, writable.Status);
    }

    [Fact]
    public async Task The_database_health_check_is_unhealthy_on_a_PostgreSQL_database_in_read_only_mode()
    {
        var database = await postgres.CreateDatabaseAsync("ro");
        await MigrateAsync(ConfigDatabaseProvider.PostgreSql, database);
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand($"ALTER DATABASE \"{name}\" SET default_transaction_read_only = on", connection);
            await command.ExecuteNonQueryAsync(Ct);
        }
        // The setting applies to new sessions only.
        NpgsqlConnection.ClearAllPools();

        var result = await CheckAsync(ConfigDatabaseProvider.PostgreSql, database);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("The configuration database is read-only", result.Description, StringComparison.Ordinal);
    }

    private async Task MigrateAsync(ConfigDatabaseProvider provider, string connectionString)
    {
        using var host = Host(provider, connectionString);
        await host.Services.InitializeEtlStudioDatabaseAsync(Ct);
        SqliteConnection.ClearAllPools();
    }

    private async Task<HealthCheckResult> CheckAsync(ConfigDatabaseProvider provider, string connectionString)
    {
        using var host = Host(provider, connectionString);
        var check = new DatabaseHealthCheck(host.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>());
        var result = await check.CheckHealthAsync(new HealthCheckContext(), Ct);
        SqliteConnection.ClearAllPools();
        return result;
    }

    private IHost Host(ConfigDatabaseProvider provider, string connectionString)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
        });
        builder.AddEtlStudioData();
        return builder.Build();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
        public void Dispose() { }
    }
}
