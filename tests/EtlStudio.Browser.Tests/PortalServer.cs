using System.Net;
using EtlStudio.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Browser.Tests;

/// <summary>The portal hosted in-process on Kestrel (127.0.0.1, a free port) with a throwaway SQLite database.</summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-browser-tests.").FullName;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public IDbContextFactory<EtlDbContext> Contexts => _factory!.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>();

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "config.db")};Pooling=false");
            // The demo writes its warehouse under the content root (the source tree here); the tests create their own data.
            web.UseSetting("Demo:Seed", "false");
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseAddress = new Uri(addresses.Addresses.Single());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
