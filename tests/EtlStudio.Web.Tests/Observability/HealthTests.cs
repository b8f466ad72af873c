using System.Net;
using System.Text.Json;
using EtlStudio.Data;
using EtlStudio.Web.Observability;
using EtlStudio.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Observability;

public sealed class HealthTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etl-health-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_answers_anonymous_callers_with_each_check()
    {
        await using var host = new EtlStudioHost();
        using var client = host.Browser();

        using var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = await ChecksAsync(response);
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("staging").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Writable_staging_folder_is_healthy_and_the_probe_leaves_nothing_behind()
    {
        var staging = Path.Combine(_folder, "staging");
        await using var host = new EtlStudioHost(web => web.UseSetting("Staging:Path", staging));
        using var client = host.Browser();

        using var response = await client.GetAsync("/healthz", Ct);

        var checks = await ChecksAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("LocalFolderStagingStore is writable.", checks.GetProperty("staging").GetProperty("description").GetString());
        Assert.Empty(Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : []);
    }

    [Fact]
    public async Task Staging_folder_that_cannot_be_written_makes_healthz_503()
    {
        var blocked = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "a file where the staging folder should be", Ct);
        await using var host = new EtlStudioHost(web => web.UseSetting("Staging:Path", blocked));
        using var client = host.Browser();

        using var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var staging = (await ChecksAsync(response)).GetProperty("staging");
        Assert.Equal("Unhealthy", staging.GetProperty("status").GetString());
        Assert.StartsWith("LocalFolderStagingStore is not writable", staging.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_database_is_unhealthy_without_naming_the_connection_string()
    {
        // A folder is not a database file: SQLite cannot open it.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder}" });
        builder.AddEtlStudioData();
        using var app = builder.Build();
        var check = new DatabaseHealthCheck(app.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>());

        var result = await check.CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain(_folder, result.Description, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ChecksAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.GetProperty("checks").Clone();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
