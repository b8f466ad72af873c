using System.Text.Json.Nodes;

namespace EtlStudio.Deployment.Tests;

public sealed class WebAppTemplateTests(MainTemplate main)
{
    private JsonObject Site => main.Compiled.Single("Microsoft.Web/sites");

    [Fact]
    public void Web_app_runs_dotnet_10_on_linux_with_a_system_assigned_identity()
    {
        var site = Site;
        var config = site["properties"]!["siteConfig"]!;

        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.Contains("linux", (string?)site["kind"], StringComparison.Ordinal);
        Assert.Equal("SystemAssigned", (string?)site["identity"]?["type"]);
        Assert.True((bool?)main.Compiled.Single("Microsoft.Web/serverfarms")["properties"]?["reserved"]);
    }

    [Fact]
    public void Web_app_suits_Blazor_Server_behind_App_Service()
    {
        var site = Site;
        var config = site["properties"]!["siteConfig"]!;

        Assert.True((bool?)site["properties"]!["httpsOnly"]);
        Assert.True((bool?)site["properties"]!["clientAffinityEnabled"]);
        Assert.True((bool?)config["alwaysOn"]);
        Assert.True((bool?)config["webSocketsEnabled"]);
        Assert.Equal("/healthz", (string?)config["healthCheckPath"]);
    }

    [Fact]
    public void Web_app_carries_the_tag_azd_deploys_to()
    {
        // azd finds the host of service "web" by this tag.
        Assert.Contains("'azd-service-name', 'web'", (string?)Site["tags"], StringComparison.Ordinal);
    }

    [Fact]
    public void App_service_plan_defaults_to_B1()
    {
        var sku = main.Compiled.Root["parameters"]!["appServicePlanSku"]!;

        Assert.Equal("B1", (string?)sku["defaultValue"]);
    }
}
