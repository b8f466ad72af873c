using EtlStudio.Testing;
using YamlDotNet.RepresentationModel;

namespace EtlStudio.Deployment.Tests;

public sealed class WorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(RepoPaths.Root, ".github", "workflows", "azure-dev.yml");
    private static readonly YamlMappingNode Workflow = Yaml.Load(WorkflowPath);

    [Fact]
    public void Workflow_signs_in_with_an_OIDC_token_and_no_stored_secret()
    {
        Assert.Equal("write", Workflow.Scalar("permissions", "id-token"));
        Assert.Equal("read", Workflow.Scalar("permissions", "contents"));
        Assert.DoesNotContain("secrets.", File.ReadAllText(WorkflowPath), StringComparison.Ordinal);

        var login = RunSteps().Single(run => run.Contains("azd auth login", StringComparison.Ordinal));
        Assert.Contains("--federated-credential-provider github", login, StringComparison.Ordinal);
        Assert.Contains("--client-id \"$AZURE_CLIENT_ID\"", login, StringComparison.Ordinal);
        Assert.Contains("--tenant-id \"$AZURE_TENANT_ID\"", login, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AZURE_CLIENT_ID")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_SUBSCRIPTION_ID")]
    [InlineData("AZURE_ENV_NAME")]
    [InlineData("AZURE_LOCATION")]
    public void Azure_identifiers_come_from_repository_variables(string name) =>
        Assert.Equal($"${{{{ vars.{name} }}}}", Job().Scalar("env", name));

    [Fact]
    public void Workflow_runs_on_pushes_to_main_and_on_demand()
    {
        var on = Workflow.Child("on")!;
        var branches = (YamlSequenceNode?)on.Child("push")?.Child("branches");

        Assert.NotNull(branches);
        Assert.Contains("main", branches.Children.Select(b => ((YamlScalarNode)b).Value));
        Assert.NotNull(on.Child("workflow_dispatch"));
    }

    [Fact]
    public void Workflow_tests_before_it_provisions_and_deploys()
    {
        var runs = RunSteps();
        int Step(string command) => runs.FindIndex(run => run.Contains(command, StringComparison.Ordinal));

        Assert.Equal(["./test.sh"], runs.Where(run => run.Contains("test.sh", StringComparison.Ordinal)));
        Assert.True(Step("./test.sh") >= 0);
        Assert.True(Step("./test.sh") < Step("azd auth login"), string.Join(" | ", runs));
        Assert.True(Step("azd auth login") < Step("azd provision --no-prompt"), string.Join(" | ", runs));
        Assert.True(Step("azd provision --no-prompt") < Step("azd deploy --no-prompt"), string.Join(" | ", runs));
        Assert.Contains(Steps(), step => step.Scalar("uses")?.StartsWith("Azure/setup-azd@", StringComparison.Ordinal) == true);
        Assert.Contains(Steps(), step => step.Scalar("uses")?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true
            && step.Scalar("with", "dotnet-version") == "10.0.x");
    }

    private static YamlNode Job() => ((YamlMappingNode)Workflow.Child("jobs")!).Children.Single().Value;

    private static List<YamlNode> Steps() => ((YamlSequenceNode)Job().Child("steps")!).Children.ToList();

    private static List<string> RunSteps() =>
        Steps().Select(step => step.Scalar("run")).OfType<string>().Select(run => run.Trim()).ToList();
}
