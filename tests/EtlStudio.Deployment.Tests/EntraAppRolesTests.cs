using System.Text.Json.Nodes;
using EtlStudio.Testing;

namespace EtlStudio.Deployment.Tests;

/// <summary>infra/entra/app-roles.json, given to <c>az ad app create --app-roles</c> in the deploy guide.</summary>
public sealed class EntraAppRolesTests
{
    [Fact]
    public void App_registration_defines_the_four_roles_users_can_hold()
    {
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "entra", "app-roles.json")))!.AsArray();

        Assert.Equal(["Admin", "Editor", "Operator", "Viewer"], roles.Select(r => (string?)r!["value"]));
        Assert.All(roles, role =>
        {
            Assert.True(Guid.TryParse((string?)role!["id"], out _), $"{role["value"]} has no GUID id");
            Assert.True((bool?)role["isEnabled"]);
            Assert.Contains("User", role["allowedMemberTypes"]!.AsArray().Select(t => (string?)t));
        });
        Assert.Equal(roles.Count, roles.Select(r => (string?)r!["id"]).Distinct().Count());
    }
}
