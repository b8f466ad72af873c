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

    [Fact]
    public async Task Main_template_and_its_modules_pass_the_linter()
    {
        // Linting the entry file reports the modules it references too.
        var lint = await Bicep.RunAsync(TestContext.Current.CancellationToken, "lint", MainTemplate.BicepFile);

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Empty(Bicep.Diagnostics(lint));
    }

    [Fact]
    public void Every_module_file_is_used_by_main_so_the_linter_sees_it()
    {
        var entry = File.ReadAllText(MainTemplate.BicepFile);
        var modules = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "infra", "modules"), "*.bicep")
            .Select(path => $"'modules/{Path.GetFileName(path)}'").ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, module => Assert.Contains(module, entry, StringComparison.Ordinal));
    }
}
