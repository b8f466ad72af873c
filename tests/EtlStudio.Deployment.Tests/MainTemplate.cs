using System.Text.Json.Nodes;
using EtlStudio.Testing;

[assembly: AssemblyFixture(typeof(EtlStudio.Deployment.Tests.MainTemplate))]
// The bicep binary comes from the linux-x64 package, and the hook is a POSIX shell script.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace EtlStudio.Deployment.Tests;

/// <summary>infra/main.bicep compiled once per test run with <c>bicep build --stdout</c>.</summary>
public sealed class MainTemplate : IAsyncLifetime
{
    public static string BicepFile => Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    public ProcessRun Build { get; private set; } = null!;

    /// <summary>The ARM JSON; null when the build printed none.</summary>
    public ArmTemplate? Template { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Build = await Bicep.RunAsync(TestContext.Current.CancellationToken, "build", BicepFile, "--stdout");
        if (Build.ExitCode == 0) Template = new ArmTemplate(JsonNode.Parse(Build.StdOut)!.AsObject());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The template, failing the test with bicep's output when it did not compile.</summary>
    public ArmTemplate Compiled => Template ?? throw new InvalidOperationException("main.bicep did not compile:\n" + Build);
}
