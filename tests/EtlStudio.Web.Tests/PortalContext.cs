using Bunit.TestDoubles;
using EtlStudio.Data;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Components.Pages;
using EtlStudio.Web.Groups;
using EtlStudio.Web.Security;
using EtlStudio.Web.Security.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace EtlStudio.Web.Tests;

/// <summary>The shared bUnit setup: MudBlazor services, loose JS interop, a fixed clock and a throwaway SQLite
/// configuration database registered through the product's own <c>AddEtlStudioData</c>, and a signed-in Admin
/// judged by the app's real policies (<see cref="SignInAs"/> changes the role).</summary>
public abstract class PortalContext : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-web-tests.").FullName;

    // The designer's waits cover real work (a SQLite DDL, a lookup file, the preview through the engine): bUnit's 1 s
    // default was seen to run out on this 2-core machine under load. A wait still ends as soon as its assertion holds.
    static PortalContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected PortalContext()
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder });
        host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_folder, "config.db")};Pooling=false",
        });
        host.AddEtlStudioData();
        foreach (var service in host.Services) Services.Add(service);
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddScoped<GroupStore>();
        // Group saves sync their Hangfire recurring job: real Hangfire storage (SQLite) in this test's folder.
        var jobs = new Hangfire.Storage.SQLite.SQLiteStorage(Path.Combine(_folder, "hangfire.db"));
        Services.AddSingleton<Hangfire.JobStorage>(jobs);
        Services.AddSingleton<Hangfire.IRecurringJobManager>(new Hangfire.RecurringJobManager(jobs));
        Services.AddSingleton<EtlStudio.Web.Scheduling.GroupScheduleSync>();
        // The run page lists a killed run's staging: a real local store in this test's folder.
        Services.AddSingleton<EtlStudio.Engine.Staging.IStagingStore>(new EtlStudio.Engine.Staging.StagingOptions { Folder = Path.Combine(_folder, "staging") }.CreateStore());
        Services.AddFeaturePages();
        // The designer's dry-run panel needs the engine's pipeline (a real one, staging in this test's folder).
        Services.AddEtlPipeline(new EtlStudio.Engine.Staging.StagingOptions { Folder = Path.Combine(_folder, "staging") });
        // The runtime fakes the run components need; a test that watches them registers its own after these.
        Services.AddSingleton<EtlStudio.Web.Runs.IRunLauncher, RecordingRunLauncher>();
        Services.AddSingleton<EtlStudio.Web.Runs.IRunProgressNotifier, EtlStudio.Web.Runs.RunProgressNotifier>();
        // The real protector (Data Protection) comes with the security work; tests only need to see it was applied.
        Services.AddSingleton<ISecretProtector, TestSecretProtector>();
        Services.AddScoped<PortalAuthorization>();
        // bUnit supplies the user; its own authorization service only knows policy names, so the app's policies and the
        // real evaluator replace it: a test then proves what each role may do, not what the test said it may.
        Authorization = AddAuthorization();
        Services.AddEtlAuthorization();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        SignInAs(Roles.Admin);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>bUnit's signed-in user.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs in a user (role@example.com) whose only role is <paramref name="role"/>.</summary>
    protected void SignInAs(string role)
    {
        var name = $"{role.ToLowerInvariant()}@example.com";
        Authorization.SetAuthorized(name).SetRoles(role);
        // What the circuit's CircuitUserTracker does around each event: CurrentUser names the acting user.
        CurrentUser.SetCircuitUser(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, name), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)], "Test")));
    }

    /// <summary>A folder of this test (the app's content root), deleted with it.</summary>
    protected string Folder => _folder;

    /// <summary>"Now" for the pages; tests set it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected IDbContextFactory<EtlDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<EtlDbContext>>();

    public async ValueTask InitializeAsync() => await Services.InitializeEtlStudioDatabaseAsync(Ct);

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
