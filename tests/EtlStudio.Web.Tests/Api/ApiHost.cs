using System.Net.Http.Headers;
using EtlStudio.Data;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EtlStudio.Web.Tests.Api;

/// <summary>The whole app in memory (WebApplicationFactory) on a throwaway SQLite database, without the demo, with
/// a test sign-in: requests carry their roles in <see cref="TestAuthHandler.RolesHeader"/>.</summary>
/// <remarks>Authorization policies are registered here until the security feature's <c>AddSecurity()</c> owns them
/// (same names, same role ladder: Admin ⊃ Editor ⊃ Operator ⊃ Viewer).</remarks>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-api-tests.").FullName;
    private readonly WebApplicationFactory<Program> _factory;

    public ApiHost(bool fakeLauncher = true, string environment = "Development")
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "config.db")};Pooling=false");
            web.UseSetting("Demo:Seed", "false");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            // Read once the runtime and security are merged: Hangfire's SQLite file, the Data Protection key ring and
            // the staged data of runs through the real launcher must not land in the source tree (the content root).
            web.UseSetting("Hangfire:SqliteFile", Path.Combine(_folder, "hangfire.db"));
            web.UseSetting("DataProtection:KeysFolder", Path.Combine(_folder, "keys"));
            web.UseSetting("Staging:Path", Path.Combine(_folder, "staging"));
            web.ConfigureTestServices(services =>
            {
                services.AddAuthentication(o =>
                {
                    o.DefaultScheme = TestAuthHandler.SchemeName;
                    o.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                    o.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                    o.DefaultForbidScheme = TestAuthHandler.SchemeName;
                }).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                services.AddAuthorization();
                services.PostConfigure<AuthorizationOptions>(AddPolicies);
                services.RemoveAll<ISecretProtector>();
                services.AddSingleton<ISecretProtector, FakeSecretProtector>();
                if (fakeLauncher)
                {
                    services.RemoveAll<IRunLauncher>();
                    services.AddSingleton<FakeRunLauncher>();
                    services.AddSingleton<IRunLauncher>(sp => sp.GetRequiredService<FakeRunLauncher>());
                }
            });
        });
    }

    public IServiceProvider Services => _factory.Services;

    public IDbContextFactory<EtlDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<EtlDbContext>>();

    public FakeRunLauncher Launcher => Services.GetRequiredService<FakeRunLauncher>();

    /// <summary>A client signed in as <paramref name="user"/> with <paramref name="roles"/>; no roles = anonymous.</summary>
    public HttpClient Client(string roles = Roles.Admin, string user = "ada")
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, roles);
            client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        }
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(Policies.View, p => p.RequireRole(Roles.Viewer, Roles.Operator, Roles.Editor, Roles.Admin));
        options.AddPolicy(Policies.Run, p => p.RequireRole(Roles.Operator, Roles.Editor, Roles.Admin));
        options.AddPolicy(Policies.Edit, p => p.RequireRole(Roles.Editor, Roles.Admin));
        options.AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
