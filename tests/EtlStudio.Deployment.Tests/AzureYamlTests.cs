using EtlStudio.Testing;
using YamlDotNet.RepresentationModel;

namespace EtlStudio.Deployment.Tests;

public sealed class AzureYamlTests
{
    private static readonly YamlMappingNode AzureYaml = Yaml.Load(Path.Combine(RepoPaths.Root, "azure.yaml"));

    [Fact]
    public void Web_service_points_at_the_web_project_hosted_on_App_Service()
    {
        var web = AzureYaml.Child("services")?.Child("web");
        Assert.NotNull(web);

        var project = Path.GetFullPath(Path.Combine(RepoPaths.Root, web.Scalar("project")!));
        Assert.True(File.Exists(Path.Combine(project, "EtlStudio.Web.csproj")), $"{project} holds no EtlStudio.Web.csproj");
        Assert.Equal("appservice", web.Scalar("host"));
        Assert.Equal("dotnet", web.Scalar("language"));
    }

    [Fact]
    public void Infrastructure_is_the_Bicep_in_infra()
    {
        Assert.Equal("etlstudio", AzureYaml.Scalar("name"));
        Assert.Equal("bicep", AzureYaml.Scalar("infra", "provider"));
        var module = Path.Combine(RepoPaths.Root, AzureYaml.Scalar("infra", "path")!, (AzureYaml.Scalar("infra", "module") ?? "main") + ".bicep");
        Assert.Equal(MainTemplate.BicepFile, Path.GetFullPath(module));
    }

    [Fact]
    public async Task Postprovision_hook_is_an_executable_script_sh_can_parse()
    {
        var run = AzureYaml.Scalar("hooks", "postprovision", "run");
        Assert.NotNull(run);
        var script = Path.GetFullPath(Path.Combine(RepoPaths.Root, run));

        Assert.True(File.Exists(script), script);
        Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        var syntax = await ProcessRun.StartAsync("sh", ["-n", script], null, TestContext.Current.CancellationToken);
        Assert.True(syntax.ExitCode == 0, syntax.ToString());
    }
}
