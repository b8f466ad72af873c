using EtlStudio.Testing;

namespace EtlStudio.Deployment.Tests;

public sealed class BicepBuildTests(MainTemplate main)
{
    [Fact]
    public void Main_template_builds_without_errors_or_warnings()
    {
        Assert.True(main.Build.ExitCode == 0, main.Build.ToString());
        Assert.Empty(Bicep.Diagnostics(main.Build));
        Assert.Equal("subscriptionDeploymentTemplate.json",
            Path.GetFileName(new Uri((string)main.Compiled.Root["$schema"]!).AbsolutePath));
    }

    public static TheoryData<string> BicepFiles() => new(
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepoPaths.Root, path)));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_file_passes_the_linter(string file)
    {
        var lint = await Bicep.RunAsync(TestContext.Current.CancellationToken, "lint", Path.Combine(RepoPaths.Root, file));

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Empty(Bicep.Diagnostics(lint));
    }
}
