namespace EtlStudio.Testing;

/// <summary>Locations in the checkout the fixtures rely on.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding EtlStudio.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Tools <c>./test.sh</c> provisions (Azurite's node_modules).</summary>
    public static string Tools => Path.Combine(Root, ".tools");

    /// <summary>The crash tests' child process (tests/EtlStudio.CrashChild), built in the configuration of the
    /// running tests; start it with <c>dotnet</c>.</summary>
    public static string CrashChild =>
        Path.Combine(Root, "tests", "EtlStudio.CrashChild", "bin", Configuration, "net10.0", "EtlStudio.CrashChild.dll");

    /// <summary>The portal's build output (EtlStudio.Web/bin), in the configuration of the running tests; start it
    /// with <c>dotnet</c>.</summary>
    public static string WebApp =>
        Path.Combine(Root, "EtlStudio.Web", "bin", Configuration, "net10.0", "EtlStudio.Web.dll");

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EtlStudio.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("EtlStudio.sln not found above " + AppContext.BaseDirectory);
    }
}
