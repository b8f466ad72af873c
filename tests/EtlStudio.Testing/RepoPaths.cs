namespace EtlStudio.Testing;

/// <summary>Locations in the checkout the fixtures rely on.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding EtlStudio.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Tools <c>./test.sh</c> provisions (Azurite's node_modules).</summary>
    public static string Tools => Path.Combine(Root, ".tools");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EtlStudio.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("EtlStudio.sln not found above " + AppContext.BaseDirectory);
    }
}
