using System.Text.Json.Nodes;

namespace EtlStudio.Deployment.Tests;

/// <summary>The settings main.bicep hands the web app, keyed as the app reads them (double-underscore env form).</summary>
public sealed class AppSettingsTemplateTests(MainTemplate main)
{
    private JsonObject Settings => main.Compiled.ModuleParameter("web", "appSettings")?.AsObject()
        ?? throw new InvalidOperationException("module 'web' gets no appSettings object");

    private string Setting(string key) =>
        Settings.TryGetPropertyValue(key, out var value) && value is JsonValue
            ? (string)value!
            : throw new Xunit.Sdk.XunitException($"app setting {key} missing; present: {string.Join(", ", Settings.Select(s => s.Key))}");

    [Theory]
    [InlineData("Database__Provider", "SqlServer")]
    [InlineData("Staging__Provider", "AzureBlob")]
    [InlineData("Authentication__Mode", "EntraId")]
    [InlineData("Demo__Seed", "false")]
    public void Fixed_setting_has_its_value(string key, string expected) => Assert.Equal(expected, Setting(key));

    [Theory]
    [InlineData("Staging__BlobServiceUri", "storage", "blobEndpoint")]
    [InlineData("Staging__Container", "storage", "stagingContainer")]
    [InlineData("DataProtection__BlobUri", "storage", "blobEndpoint")]
    [InlineData("DataProtection__KeyVaultKeyId", "keyvault", "dataProtectionKeyUri")]
    [InlineData("KeyVault__Uri", "keyvault", "uri")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "monitoring", "connectionString")]
    public void Setting_comes_from_the_module_that_creates_the_resource(string key, string module, string output) =>
        AssertReferencesOutput(Setting(key), module, output);

    [Fact]
    public void Database_connection_string_uses_the_managed_identity_and_no_password()
    {
        var value = Setting("Database__ConnectionString");

        Assert.StartsWith("[format('Server=tcp:{0},1433;Database={1};Authentication=Active Directory Managed Identity;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30'", value, StringComparison.Ordinal);
        AssertReferencesOutput(value, "sql", "serverFqdn");
        AssertReferencesOutput(value, "sql", "databaseName");
        Assert.DoesNotContain("password", value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Data_protection_keys_live_in_the_dataprotection_container()
    {
        var value = Setting("DataProtection__BlobUri");

        Assert.StartsWith("[format('{0}{1}/keys.xml'", value, StringComparison.Ordinal);
        AssertReferencesOutput(value, "storage", "dataProtectionContainer");
    }

    [Fact]
    public void Entra_settings_name_this_tenant_and_the_configured_client()
    {
        Assert.Equal("[environment().authentication.loginEndpoint]", Setting("AzureAd__Instance"));
        Assert.Equal("[tenant().tenantId]", Setting("AzureAd__TenantId"));
        Assert.Equal("[parameters('entraClientId')]", Setting("AzureAd__ClientId"));
        Assert.Equal("", (string?)main.Compiled.Root["parameters"]!["entraClientId"]!["defaultValue"]);
    }

    [Fact]
    public void Portal_base_url_is_the_sites_https_address_so_webhooks_link_to_runs() =>
        Assert.Equal("[format('https://{0}.azurewebsites.net/', variables('names').web)]", Setting("Portal__BaseUrl"));

    [Fact]
    public void Kafka_setting_points_at_Event_Hubs_only_when_it_is_deployed()
    {
        var endpoint = (string?)main.Compiled.ModuleParameter("web", "kafkaEndpoint");

        Assert.StartsWith("[if(parameters('deployEventHubs'), createObject('value', ", endpoint, StringComparison.Ordinal);
        Assert.EndsWith("createObject('value', ''))]", endpoint, StringComparison.Ordinal);
        AssertReferencesOutput(endpoint!, "eventhubs", "kafkaEndpoint");
        Assert.Equal(
            "[union(parameters('appSettings'), if(empty(parameters('kafkaEndpoint')), createObject(), createObject('Kafka__EventHubsNamespace', parameters('kafkaEndpoint'))))]",
            WebSiteSettings());
    }

    [Fact]
    public void Kafka_endpoint_is_the_namespace_host_on_port_9093()
    {
        var output = main.Compiled.Module("eventhubs")["properties"]!["template"]!["outputs"]!["kafkaEndpoint"]!;

        Assert.Equal(
            "[format('{0}:9093', replace(split(reference(resourceId('Microsoft.EventHub/namespaces', parameters('name')), '2024-01-01').serviceBusEndpoint, '/')[2], ':443', ''))]",
            (string?)output["value"]);
    }

    [Fact]
    public void The_site_receives_every_setting_it_is_given()
    {
        var copies = main.Compiled.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["copy"]!.AsArray();
        var appSettings = copies.Single(c => (string?)c!["name"] == "appSettings")!;

        Assert.Equal("[length(items(variables('settings')))]", (string?)appSettings["count"]);
        Assert.Equal("[items(variables('settings'))[copyIndex('appSettings')].key]", (string?)appSettings["input"]!["name"]);
        Assert.StartsWith("[union(parameters('appSettings'), ", WebSiteSettings(), StringComparison.Ordinal);
    }

    /// <summary>The web module's <c>settings</c> variable: what the site's app settings are made of.</summary>
    private string? WebSiteSettings() =>
        (string?)main.Compiled.Module("web")["properties"]!["template"]!["variables"]!["settings"];

    private static void AssertReferencesOutput(string expression, string module, string output)
    {
        Assert.Contains($"'Microsoft.Resources/deployments', '{module}')", expression, StringComparison.Ordinal);
        Assert.Contains($".outputs.{output}.value", expression, StringComparison.Ordinal);
    }
}
