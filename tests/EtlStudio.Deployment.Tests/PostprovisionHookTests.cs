using EtlStudio.Testing;

namespace EtlStudio.Deployment.Tests;

/// <summary>
/// Runs infra/hooks/postprovision.sh with a stand-in <c>sqlcmd</c> first on PATH that records its arguments:
/// the script's own decisions (which client, which statement, what it tells the user) are what is tested.
/// </summary>
public sealed class PostprovisionHookTests : IDisposable
{
    private const string CreateUser = "CREATE USER [app-test1] FROM EXTERNAL PROVIDER;";
    private readonly string _bin = Directory.CreateTempSubdirectory("hook-bin").FullName;
    private string CallsFile => Path.Combine(_bin, "calls");

    [Fact]
    public async Task With_go_sqlcmd_it_creates_the_user_signed_in_with_Entra()
    {
        FakeSqlcmd(helpMentions: "--authentication-method string", exitCode: 0);

        var run = await RunHookAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        var args = File.ReadAllLines(CallsFile);
        Assert.Equal(["-S", "tcp:sql-test1.database.windows.net,1433", "-d", "etlstudio",
            "--authentication-method", "ActiveDirectoryDefault", "-b", "-Q"], args[..8]);
        var sql = string.Join("\n", args[8..]);
        Assert.Contains(CreateUser, sql, StringComparison.Ordinal);
        Assert.Contains("WHERE name = N'app-test1'", sql, StringComparison.Ordinal);
        Assert.Contains("ALTER ROLE db_ddladmin ADD MEMBER [app-test1];", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_go_sqlcmd_it_prints_the_statement_to_run_by_hand()
    {
        // The ODBC sqlcmd has no Entra sign-in option: treated as absent.
        FakeSqlcmd(helpMentions: "-U login id", exitCode: 0);

        var run = await RunHookAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(CallsFile), "the ODBC sqlcmd must not be used");
        Assert.Contains("NOT created", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(CreateUser, run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_sqlcmd_fails_the_hook_and_prints_the_statement()
    {
        FakeSqlcmd(helpMentions: "--authentication-method string", exitCode: 1);

        var run = await RunHookAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("SQL_CLIENT_IP_ADDRESS", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(CreateUser, run.StdOut, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    private void FakeSqlcmd(string helpMentions, int exitCode)
    {
        var path = Path.Combine(_bin, "sqlcmd");
        File.WriteAllText(path, $"""
            #!/bin/sh
            if [ "$1" = "--help" ]; then echo "usage: sqlcmd {helpMentions}"; exit 0; fi
            for a in "$@"; do printf '%s\n' "$a"; done > "{CallsFile}"
            exit {exitCode}
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private Task<ProcessRun> RunHookAsync() => ProcessRun.StartAsync(
        "sh", [Path.Combine(RepoPaths.Root, "infra", "hooks", "postprovision.sh")],
        new Dictionary<string, string>
        {
            ["PATH"] = $"{_bin}:/usr/bin:/bin",
            ["SERVICE_WEB_NAME"] = "app-test1",
            ["AZURE_SQL_SERVER_FQDN"] = "sql-test1.database.windows.net",
            ["AZURE_SQL_DATABASE_NAME"] = "etlstudio",
        },
        TestContext.Current.CancellationToken);
}
