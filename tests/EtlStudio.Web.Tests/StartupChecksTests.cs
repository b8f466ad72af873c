using System.Collections.Concurrent;
using EtlStudio.Data;
using EtlStudio.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Tests;

public sealed class StartupChecksTests
{
    [Fact]
    public async Task Database_startup_failure_logs_one_error_line_without_stack_trace_and_exits_non_zero()
    {
        var (app, log) = Build();
        await using var disposeApp = app;
        var code = await app.RunCheckedAsync(_ => throw new DatabaseStartupException(
            "Database:Provider=PostgreSql: cannot connect to 127.0.0.1:1 (fix Database:ConnectionString)", new InvalidOperationException("inner")));

        Assert.Equal(1, code);
        var error = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal("EtlStudio cannot start: Database:Provider=PostgreSql: cannot connect to 127.0.0.1:1 (fix Database:ConnectionString)", error.Message);
        Assert.Null(error.Exception);
    }

    [Fact]
    public async Task Options_validation_failure_logs_every_failure_on_one_line_and_exits_non_zero()
    {
        var (app, log) = Build();
        await using var disposeApp = app;
        var code = await app.RunCheckedAsync(_ => throw new OptionsValidationException("Database", typeof(DatabaseOptions),
            ["Database:Provider 'Mongo' is not one of Sqlite, SqlServer, PostgreSql.", "Database:ConnectionString is required."]));

        Assert.Equal(1, code);
        var error = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal("EtlStudio cannot start: Database:Provider 'Mongo' is not one of Sqlite, SqlServer, PostgreSql. Database:ConnectionString is required.", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Options_validated_on_start_fail_before_the_host_starts_with_one_error_line()
    {
        var (app, log) = Build(b => b.Services.AddOptions<SampleOptions>().Validate(o => o.Size > 0, "Sample:Size must be at least 1.").ValidateOnStart());
        await using var disposeApp = app;
        var code = await app.RunCheckedAsync(_ => Task.CompletedTask);

        Assert.Equal(1, code);
        var error = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal("EtlStudio cannot start: Sample:Size must be at least 1.", error.Message);
    }

    [Fact]
    public async Task A_value_the_binder_cannot_convert_is_named_on_one_line()
    {
        var (app, log) = Build(b =>
        {
            b.Configuration["Sample:Size"] = "lots";
            b.Services.AddOptions<SampleOptions>().BindConfiguration("Sample").ValidateOnStart();
        });
        await using var disposeApp = app;
        var code = await app.RunCheckedAsync(_ => Task.CompletedTask);

        Assert.Equal(1, code);
        var error = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.StartsWith("EtlStudio cannot start: Failed to convert configuration value 'lots' at 'Sample:Size'", error.Message);
    }

    private sealed class SampleOptions
    {
        public int Size { get; set; }
    }

    private static (WebApplication App, ListLogger Log) Build(Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var log = new ListLogger();
        builder.Logging.ClearProviders().AddProvider(log);
        configure?.Invoke(builder);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return (builder.Build(), log);
    }

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
