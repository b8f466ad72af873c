using System.Text.Json.Nodes;
using EtlStudio.Testing;

namespace EtlStudio.Deployment.Tests;

/// <summary>What azd expects of infra/: outputs it reads, parameters it fills, the resource group it tags.</summary>
public sealed class AzdContractTests(MainTemplate main)
{
    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("SERVICE_WEB_NAME")]
    [InlineData("SERVICE_WEB_URI")]
    [InlineData("AZURE_SQL_SERVER_NAME")]
    [InlineData("AZURE_SQL_SERVER_FQDN")]
    [InlineData("AZURE_SQL_DATABASE_NAME")]
    public void Template_outputs_the_value_azd_reads(string output) =>
        Assert.Equal("string", (string?)main.Compiled.Root["outputs"]?[output]?["type"]);

    [Fact]
    public void Resource_group_is_named_after_the_environment_and_tagged_for_azd()
    {
        var group = main.Compiled.Single("Microsoft.Resources/resourceGroups");

        Assert.Equal("[format('rg-{0}', parameters('environmentName'))]", (string?)group["name"]);
        Assert.Equal("[parameters('environmentName')]", (string?)main.Compiled.Root["variables"]!["tags"]!["azd-env-name"]);
        Assert.Equal("[variables('tags')]", (string?)group["tags"]);
    }

    [Fact]
    public void Parameters_file_fills_every_required_parameter_and_only_known_ones()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!;
        var given = file["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        var declared = main.Compiled.Root["parameters"]!.AsObject();
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);

        Assert.Empty(given.Except(declared.Select(p => p.Key)));
        Assert.Empty(required.Except(given));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)file["parameters"]!["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)file["parameters"]!["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)file["parameters"]!["principalId"]!["value"]);
    }

    [Fact]
    public void Postprovision_hook_reads_only_values_the_template_outputs()
    {
        var hook = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "hooks", "postprovision.sh"));
        var required = System.Text.RegularExpressions.Regex.Matches(hook, @"\$\{(\w+):\?").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.NotNull(main.Compiled.Root["outputs"]![name]));
    }
}
