using System.Reflection;
using System.Text.RegularExpressions;

namespace EtlStudio.Deployment.Tests;

/// <summary>The bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (path baked in at build time).</summary>
public static partial class Bicep
{
    public static string Executable { get; } = typeof(Bicep).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    public static Task<ProcessRun> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException(
                "bicep CLI missing: restore tests/EtlStudio.Deployment.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64).",
                Executable);
        }
        return ProcessRun.StartAsync(Executable, arguments, environment: null, cancellationToken);
    }

    /// <summary>Lines of stderr (where bicep reports "file(line,col) : Warning|Error CODE: message") naming a problem.</summary>
    public static IReadOnlyList<string> Diagnostics(ProcessRun run) =>
        run.StdErr.Split('\n').Where(line => DiagnosticLine().IsMatch(line)).ToList();

    [GeneratedRegex(@"\b(Warning|Error)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticLine();
}
