using Microsoft.AspNetCore.Hosting;
using Xunit;

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
}
