namespace EtlStudio.Deployment.Tests;

public sealed class DataServicesTemplateTests(MainTemplate main)
{
    [Fact]
    public void Storage_account_accepts_Entra_ID_only_and_stays_private()
    {
        var properties = main.Compiled.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool?)properties["allowSharedKeyAccess"]);
        Assert.False((bool?)properties["allowBlobPublicAccess"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"]);
    }

    [Fact]
    public void Storage_account_has_staging_and_dataprotection_containers()
    {
        var storage = main.Compiled.Module("storage")["properties"]!["template"]!;
        var containers = main.Compiled.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("staging", (string?)storage["variables"]!["stagingContainer"]);
        Assert.Equal("dataprotection", (string?)storage["variables"]!["dataProtectionContainer"]);
        Assert.Equal("[length(createArray(variables('stagingContainer'), variables('dataProtectionContainer')))]",
            (string?)containers["copy"]!["count"]);
    }

    [Fact]
    public void Key_vault_authorizes_with_RBAC_and_holds_an_RSA_2048_wrapping_key()
    {
        var vault = main.Compiled.Single("Microsoft.KeyVault/vaults")["properties"]!;
        var key = main.Compiled.Single("Microsoft.KeyVault/vaults/keys");

        Assert.True((bool?)vault["enableRbacAuthorization"]);
        Assert.EndsWith("'dataprotection')]", (string?)key["name"], StringComparison.Ordinal);
        Assert.Equal("RSA", (string?)key["properties"]!["kty"]);
        Assert.Equal(2048, (int?)key["properties"]!["keySize"]);
        Assert.Contains("wrapKey", key["properties"]!["keyOps"]!.AsArray().Select(op => (string?)op));
        Assert.Contains("unwrapKey", key["properties"]!["keyOps"]!.AsArray().Select(op => (string?)op));
    }

    [Fact]
    public void Event_Hubs_is_opt_in_with_a_Standard_Kafka_namespace()
    {
        var ns = main.Compiled.Single("Microsoft.EventHub/namespaces");

        Assert.False((bool?)main.Compiled.Root["parameters"]!["deployEventHubs"]!["defaultValue"]);
        Assert.Equal("[parameters('deployEventHubs')]", (string?)main.Compiled.Module("eventhubs")["condition"]);
        Assert.Equal("Standard", (string?)ns["sku"]!["name"]);
        Assert.True((bool?)ns["properties"]!["kafkaEnabled"]);
    }

    [Fact]
    public void Application_Insights_stores_its_data_in_the_Log_Analytics_workspace()
    {
        var insights = main.Compiled.Single("Microsoft.Insights/components");

        Assert.Single(main.Compiled.ResourcesOfType("Microsoft.OperationalInsights/workspaces"));
        Assert.StartsWith("[resourceId('Microsoft.OperationalInsights/workspaces'",
            (string?)insights["properties"]!["WorkspaceResourceId"], StringComparison.Ordinal);
    }
}
