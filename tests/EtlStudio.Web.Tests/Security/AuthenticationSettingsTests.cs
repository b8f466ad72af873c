using EtlStudio.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class AuthenticationSettingsTests
{
    [Fact]
    public async Task Entra_id_mode_without_its_settings_stops_the_start_naming_each_missing_key()
    {
        await using var host = new EtlStudioHost(web => web.UseSetting("Authentication:Mode", "EntraId"));

        _ = host.Services;

        var line = Assert.Single(host.Logs, l => l.Contains("EtlStudio cannot start", StringComparison.Ordinal));
        Assert.Contains("AzureAd:Instance is required when Authentication:Mode is EntraId", line, StringComparison.Ordinal);
        Assert.Contains("AzureAd:TenantId is required", line, StringComparison.Ordinal);
        Assert.Contains("AzureAd:ClientId is required", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_mode_stops_the_start_naming_the_key_and_value()
    {
        await using var host = new EtlStudioHost(web => web.UseSetting("Authentication:Mode", "Kerberos"));

        _ = host.Services;

        var line = Assert.Single(host.Logs, l => l.Contains("EtlStudio cannot start", StringComparison.Ordinal));
        Assert.Contains("Authentication:Mode", line, StringComparison.Ordinal);
        Assert.Contains("Kerberos", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_settings_start_a_fresh_installation_that_asks_for_the_first_admin()
    {
        // The sample's relative paths (data/etlstudio.db, data/keys, data/staging) resolve under a throwaway content
        // root: the user's EtlStudio.Web/data, where an admin may exist, is never read.
        var root = Directory.CreateTempSubdirectory("etl-sample-root-").FullName;
        try
        {
            await using (var host = new EtlStudioHost(web => web
                .UseContentRoot(root)
                .ConfigureAppConfiguration(c => c.AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.Development.json.sample")))))
            {
                using var client = host.Browser();

                using var response = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

                Assert.Equal("/setup", response.Headers.Location?.AbsolutePath);
                Assert.True(File.Exists(Path.Combine(root, "data", "etlstudio.db")), "the sample's database was not created under the test's content root");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
