using System.Net;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class SecretExposureTests : IAsyncDisposable
{
    private const string Plain = "Tr0ub4dor&3-warehouse";
    private readonly EtlStudioHost _host = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connection_secret_appears_neither_in_the_rendered_page_nor_in_any_log_line()
    {
        await _host.CreateUserAsync("admin@example.com", Roles.Admin);
        var stored = _host.Services.GetRequiredService<ISecretProtector>().Protect(Plain);
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Connections.Add(new Connection { Name = "Warehouse", Kind = ConnectionKind.PostgreSql, Settings = """{"host":"db"}""", Secret = stored });
            await db.SaveChangesAsync(Ct);
            Assert.Equal(Plain, _host.Services.GetRequiredService<ISecretProtector>().Unprotect((await db.Connections.SingleAsync(Ct)).Secret!));
        }
        using var client = _host.Browser();
        using var signIn = await EtlStudioHost.SignInAsync(client, "admin@example.com");

        var html = await client.GetStringAsync("/connections", Ct);

        Assert.Contains("Warehouse", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Plain, html, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, html, StringComparison.Ordinal);
        Assert.Contains(_host.Logs, line => line.Contains("INSERT INTO \"Connections\"", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs, line => line.Contains(Plain, StringComparison.Ordinal) || line.Contains(stored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sensitive_data_logging_of_the_configuration_database_is_off()
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(Ct);

        var options = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();

        Assert.False(options?.IsSensitiveDataLoggingEnabled ?? false);
    }

    [Theory]
    [InlineData("/app.css")]
    [InlineData("/account/login")]
    [InlineData("/account/access-denied")]
    public async Task Static_files_and_account_pages_are_served_to_anonymous_visitors(string path)
    {
        await _host.CreateUserAsync("admin@example.com", Roles.Admin);
        using var client = _host.Browser();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_static_asset_including_the_blazor_scripts_allows_anonymous_requests()
    {
        await _host.CreateUserAsync("admin@example.com", Roles.Admin);

        var assets = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null).ToList();

        Assert.Contains(assets, e => e is RouteEndpoint { RoutePattern.RawText: "_framework/blazor.web.js" });
        Assert.All(assets, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
