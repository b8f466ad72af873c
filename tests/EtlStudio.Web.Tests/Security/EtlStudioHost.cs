using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Security;
using EtlStudio.Web.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

/// <summary>The whole app in-process on a throwaway SQLite database and key ring, local accounts, every log line
/// captured, and one test endpoint per policy under <c>/api/test/</c>.</summary>
public sealed partial class EtlStudioHost(Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etl-host-").FullName;

    /// <summary>Every formatted log message the app wrote, with its exception.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "etl.db")}");
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(_folder, "keys"));
        builder.UseSetting("Authentication:Mode", "Local");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Staging:Path", Path.Combine(_folder, "staging"));
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore" })
        {
            builder.UseSetting($"Logging:LogLevel:{category}", "Trace");
        }
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new CapturingLoggerProvider(Logs)));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PolicyEndpoints>());
        configure?.Invoke(builder);
    }

    /// <summary>A client that does not follow redirects and keeps cookies.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a user with the role (and the roles table on first use); returns its API key.</summary>
    public async Task<string> CreateUserAsync(string email, string role, string password = "Correct-Horse-9")
    {
        var admin = Services.GetRequiredService<UserAdministration>();
        var created = await admin.CreateAsync(email, password, role);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var user = (await admin.ListAsync(TestContext.Current.CancellationToken)).Single(u => u.Email == email);
        return await admin.IssueApiKeyAsync(user.Id);
    }

    /// <summary>Signs the client in through the real login form.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = "Correct-Horse-9") =>
        await PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Loads a static SSR form page and posts it back with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields,
        string? postTo = null)
    {
        var page = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {path}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        fields["_handler"] = formName;
        return await client.PostAsync(postTo ?? path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Environment.GetEnvironmentVariable("ETL_DUMP_LOGS") is { } dump) File.AppendAllLines(dump, Logs);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Until the REST API lands: one endpoint per policy, behind the app's own authentication and policies.</summary>
    private sealed class PolicyEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.MapWhen(c => c.Request.Path.StartsWithSegments("/api/test"), api =>
            {
                api.UseRouting();
                api.UseAuthentication();
                api.UseAuthorization();
                api.UseEndpoints(e =>
                {
                    foreach (var policy in new[] { Policies.View, Policies.Run, Policies.Edit, Policies.Admin })
                    {
                        e.MapGet($"/api/test/{policy.ToLowerInvariant()}", () => Results.Json(new { policy })).RequireAuthorization(policy);
                    }
                    // Creates, changes and deletes a connection in three saves, as a connection editor would. The secret comes
                    // in the body: a query string is logged with the request line.
                    e.MapPost("/api/test/connection-lifecycle", async (IDbContextFactory<EtlDbContext> contexts, ISecretProtector secrets, NewConnection body) =>
                    {
                        var (name, secret) = (body.Name, body.Secret);
                        await using var db = await contexts.CreateDbContextAsync();
                        var connection = new Connection { Name = name, Kind = ConnectionKind.PostgreSql, Secret = secrets.Protect(secret) };
                        db.Connections.Add(connection);
                        await db.SaveChangesAsync();
                        connection.Name = name + " (renamed)";
                        connection.Secret = secrets.Protect(secret + "-rotated");
                        await db.SaveChangesAsync();
                        db.Connections.Remove(connection);
                        await db.SaveChangesAsync();
                        return Results.Json(new { connection.Id });
                    }).RequireAuthorization(Policies.Admin);
                });
            });
            next(app);
        };
    }

    private sealed record NewConnection(string Name, string Secret);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
