using EtlStudio.Data.Entities;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>Secrets are unprotected in one place (issue #12: there were four, two claiming to be the only one).</summary>
public sealed class ConnectionSecretsTests
{
    // The protector's implementation unprotects with Data Protection: it is the thing called, not a caller.
    private static readonly string[] Allowed =
    [
        Path.Combine("Connections", "ConnectionSecrets.cs"),
        Path.Combine("Security", "Secrets", "DataProtectionSecretProtector.cs"),
    ];

    [Fact]
    public void No_web_source_file_but_ConnectionSecrets_calls_Unprotect()
    {
        var web = Path.Combine(RepositoryRoot(), "EtlStudio.Web");
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f))
            .Where(f => !f.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !f.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();

        var callers = files.Where(f => File.ReadAllText(Path.Combine(web, f)).Contains(".Unprotect(", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.True(files.Count > 100, $"Only {files.Count} source files found under {web}: the scan looked in the wrong place.");
        Assert.Equal(Allowed.Order(StringComparer.Ordinal), callers);
    }

    [Fact]
    public void A_connection_without_a_secret_reveals_none_and_one_with_a_secret_reveals_it()
    {
        var protector = new TestSecretProtector();

        Assert.Null(ConnectionSecrets.Reveal(protector, new Connection { Name = "Files", Kind = ConnectionKind.LocalFolder, Settings = "{}" }));
        Assert.Equal("s3cret", ConnectionSecrets.Reveal(protector, new Connection { Name = "Db", Kind = ConnectionKind.PostgreSql, Settings = "{}", Secret = protector.Protect("s3cret") }));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EtlStudio.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No EtlStudio.sln above {AppContext.BaseDirectory}.");
    }
}
