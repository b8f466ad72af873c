namespace EtlStudio.Deployment.Tests;

public sealed class AccessTemplateTests(MainTemplate main)
{
    [Theory]
    [InlineData("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Microsoft.Storage/storageAccounts")] // Storage Blob Data Contributor
    [InlineData("12338af0-0e69-4776-bea7-57ae8d297424", "Microsoft.KeyVault/vaults")] // Key Vault Crypto User
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults")] // Key Vault Secrets User
    [InlineData("f526a384-b230-433a-b45c-95f59c4a2dec", "Microsoft.EventHub/namespaces")] // Azure Event Hubs Data Owner
    public void Web_app_identity_holds_the_data_role_on_the_resource(string roleId, string scopeType)
    {
        var roles = main.Compiled.Module("access")["properties"]!["template"]!["variables"]!["roles"]!.AsObject();
        var role = roles.Single(r => (string?)r.Value == roleId).Key;

        var assignment = main.Compiled.ResourcesOfType("Microsoft.Authorization/roleAssignments").Single(a =>
            ((string?)a["properties"]!["roleDefinitionId"])!.Contains($"variables('roles').{role}", StringComparison.Ordinal));

        Assert.StartsWith($"[resourceId('{scopeType}', ", (string?)assignment["scope"], StringComparison.Ordinal);
        Assert.Equal("[parameters('principalId')]", (string?)assignment["properties"]!["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
    }

    [Fact]
    public void Roles_go_to_the_identity_of_the_web_app()
    {
        var principal = (string?)main.Compiled.ModuleParameter("access", "principalId");

        Assert.Contains("'Microsoft.Resources/deployments', 'web')", principal, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", principal, StringComparison.Ordinal);
        Assert.Equal("[reference(resourceId('Microsoft.Web/sites', parameters('name')), '2024-11-01', 'full').identity.principalId]",
            (string?)main.Compiled.Module("web")["properties"]!["template"]!["outputs"]!["principalId"]!["value"]);
    }
}
