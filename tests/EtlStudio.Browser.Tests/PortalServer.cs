using System.Net;
using EtlStudio.Data;
using EtlStudio.Web.Security;
using EtlStudio.Web.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EtlStudio.Browser.Tests;

/// <summary>The portal hosted in-process on Kestrel (127.0.0.1, a free port) with a throwaway SQLite database.</summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etlstudio-browser-tests.").FullName;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public IDbContextFactory<EtlDbContext> Contexts => _factory!.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>();

    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "Browser-Tests-1";

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "config.db")};Pooling=false");
            // The demo writes its warehouse under the content root (the source tree here); the tests create their own data.
            web.UseSetting("Demo:Seed", "false");
            web.UseSetting("DataProtection:KeysFolder", Path.Combine(_folder, "keys"));
            web.UseSetting("Staging:Path", Path.Combine(_folder, "staging"));
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseAddress = new Uri(addresses.Addresses.Single());
        await CreateUserAsync(AdminEmail, Roles.Admin);
    }

    /// <summary>Creates a local account with one role; sign it in with <see cref="SignInAsync"/>.</summary>
    public async Task CreateUserAsync(string email, string role)
    {
        var created = await _factory!.Services.GetRequiredService<UserAdministration>().CreateAsync(email, AdminPassword, role);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>Signs the browser context in (as the Admin unless another user of <see cref="CreateUserAsync"/> is
    /// named) through the real sign-in page; its pages share the cookie.</summary>
    public async Task SignInAsync(IBrowserContext context, string email = AdminEmail)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(BaseAddress.ToString());
        await page.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
