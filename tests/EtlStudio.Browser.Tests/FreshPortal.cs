using System.Net;
using EtlStudio.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Browser.Tests;

/// <summary>The portal as a new user first meets it: an empty database, no account, the demo seeded, all under its own
/// throwaway content root (with a copy of the demo's Samples/), on Kestrel at a free loopback port.</summary>
public sealed class FreshPortal : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etlstudio-fresh-portal.").FullName;
    private readonly WebApplicationFactory<Program> _factory;

    public FreshPortal()
    {
        var samples = Path.Combine(RepoPaths.Root, "EtlStudio.Web", "Samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_root, "Samples", Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Every relative path (data/etlstudio.db, data/keys, data/staging, the demo warehouse) lands in the root.
            web.UseContentRoot(_root);
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Database:ConnectionString", "Data Source=data/etlstudio.db;Pooling=false");
            web.UseSetting("DataProtection:KeysFolder", "data/keys");
            web.UseSetting("Staging:Path", "data/staging");
            web.UseSetting("Demo:Seed", "true");
            web.UseSetting("Kafka:Enabled", "false");
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseAddress = new Uri(addresses.Addresses.Single());
    }

    public Uri BaseAddress { get; }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
