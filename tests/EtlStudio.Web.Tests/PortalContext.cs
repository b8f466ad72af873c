using EtlStudio.Data;
using EtlStudio.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace EtlStudio.Web.Tests;

/// <summary>The shared bUnit setup: MudBlazor services, loose JS interop, a fixed clock and a throwaway SQLite
/// configuration database registered through the product's own <c>AddEtlStudioData</c>.</summary>
public abstract class PortalContext : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-web-tests.").FullName;

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
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

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
